package io.mailoo.integration.service.template;

/** A piece of a parsed template: literal text or a placeholder. */
public sealed interface TemplatePart permits TemplatePart.Text, Placeholder {

    record Text(String text) implements TemplatePart {
    }
}
