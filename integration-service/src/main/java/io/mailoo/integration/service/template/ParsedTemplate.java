package io.mailoo.integration.service.template;

import java.util.List;

/** A template that passed {@link TemplateParser}: literal text and placeholders, nothing else. */
public record ParsedTemplate(List<TemplatePart> parts) {

    public ParsedTemplate {
        parts = List.copyOf(parts);
    }
}
