package io.mailoo.integration.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.mailoo.contracts.smtp.FieldError;
import io.mailoo.integration.service.template.TemplateParser;
import io.mailoo.integration.service.template.TemplateRenderer;
import io.mailoo.integration.service.template.TemplateSyntaxException;
import io.mailoo.integration.service.template.TemplateValues;
import io.mailoo.support.mail.Escapes;
import io.smallrye.mutiny.Uni;

/**
 * A campaign's subject (a header: values lose their line breaks) and body (HTML: values are escaped), written by
 * the owner and therefore rendered by our own sandbox ({@code service.template}), never by an engine with
 * namespaces. Rendering runs on a worker thread because its cost grows with the subscriber's values.
 */
@ApplicationScoped
public class WelcomeTemplates {

    public static final String TEMPLATE_INVALID = "TEMPLATE_INVALID";
    /** 256 KiB of body: far above any welcome mail, far below what a template times large fields could make. */
    static final int MAX_BODY_CHARS = 256 * 1024;
    /** A subject longer than an SMTP line is no subject. */
    static final int MAX_SUBJECT_CHARS = 998;

    @Inject
    ContextWork work;

    public record Rendered(String subject, String html) {
    }

    /** One TEMPLATE_INVALID per template that uses anything but the documented placeholders. */
    public static List<FieldError> check(String subject, String body) {
        List<FieldError> errors = new ArrayList<>();
        check("subject", subject, errors);
        check("bodyTemplate", body, errors);
        return errors;
    }

    /** The first problem of either template as code and sentence, or null when both pass. */
    public static FieldError firstProblem(String subject, String body) {
        List<FieldError> errors = check(subject, body);
        return errors.isEmpty() ? null : errors.get(0);
    }

    /**
     * Fails with {@link TemplateSyntaxException} (a template saved before the sandbox) or
     * {@link io.mailoo.integration.service.template.TemplateOutputTooLargeException}.
     */
    public Uni<Rendered> render(String subject, String body, String name, String email, Map<String, Object> fields) {
        return work.blocking(() -> {
            TemplateValues values = new TemplateValues(name, email, fields);
            String renderedSubject = TemplateRenderer.render(TemplateParser.parse(subject), values,
                    Escapes::headerText, MAX_SUBJECT_CHARS).strip();
            String html = TemplateRenderer.render(TemplateParser.parse(body), values, Escapes::html, MAX_BODY_CHARS);
            return new Rendered(renderedSubject, html);
        });
    }

    private static void check(String field, String template, List<FieldError> errors) {
        if (template == null) {
            return;
        }
        try {
            TemplateParser.parse(template);
        } catch (TemplateSyntaxException e) {
            errors.add(new FieldError(field, TEMPLATE_INVALID, e.getMessage()));
        }
    }
}
