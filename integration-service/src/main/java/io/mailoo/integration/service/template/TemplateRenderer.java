package io.mailoo.integration.service.template;

import java.util.function.UnaryOperator;

/** Writes a parsed template with its values, each value passed through {@code escape}, within a size bound. */
public final class TemplateRenderer {

    private TemplateRenderer() {
    }

    /** @throws TemplateOutputTooLargeException as soon as the output would pass {@code maxChars} */
    public static String render(ParsedTemplate template, TemplateValues values, UnaryOperator<String> escape,
            int maxChars) {
        StringBuilder out = new StringBuilder();
        for (TemplatePart part : template.parts()) {
            String piece = part instanceof Placeholder p ? escape.apply(values.of(p))
                    : ((TemplatePart.Text) part).text();
            if (out.length() + piece.length() > maxChars) {
                throw new TemplateOutputTooLargeException(maxChars);
            }
            out.append(piece);
        }
        return out.toString();
    }
}
