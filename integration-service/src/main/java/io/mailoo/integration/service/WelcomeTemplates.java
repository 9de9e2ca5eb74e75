package io.mailoo.integration.service;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateException;
import io.quarkus.qute.Variant;

/**
 * Renders a campaign's subject (plain text) and body (HTML, so every value is escaped) with Qute. Variables:
 * {@code name}, {@code email} and {@code fields} (the form's extra fields).
 */
@ApplicationScoped
public class WelcomeTemplates {

    private static final Variant HTML = Variant.forContentType(Variant.TEXT_HTML);
    private static final Variant PLAIN = Variant.forContentType(Variant.TEXT_PLAIN);

    @Inject
    Engine engine;

    public record Rendered(String subject, String html) {
    }

    /** Throws {@link TemplateException} when a template does not parse or refers to something unknown. */
    public Rendered render(String subject, String body, String name, String email, Map<String, Object> fields) {
        Map<String, Object> data = Map.of("name", name == null ? "" : name, "email", email,
                "fields", new FormFields(fields));
        Template subjectTemplate = engine.parse(subject, PLAIN);
        Template bodyTemplate = engine.parse(body, HTML);
        String renderedSubject = subjectTemplate.render(data).replaceAll("[\\r\\n]+", " ").strip();
        return new Rendered(renderedSubject, bodyTemplate.render(data));
    }

    /** True when both templates render for a sample subscriber (checked when a campaign is saved). */
    public boolean valid(String subject, String body) {
        try {
            render(subject, body, "Sample", "sample@example.com", Map.of());
            return true;
        } catch (TemplateException e) {
            return false;
        }
    }
}
