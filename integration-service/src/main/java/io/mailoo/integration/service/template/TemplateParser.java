package io.mailoo.integration.service.template;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads owner-written template text: {@code {expression}} must be a {@link Placeholder}; {@code \{} and {@code \}}
 * are literal braces; every other character is text. There are no namespaces, calls, sections or includes, so a
 * template can never reach the server's configuration or code.
 */
public final class TemplateParser {

    private TemplateParser() {
    }

    /** @throws TemplateSyntaxException at the first expression that is not a placeholder, or an unclosed brace */
    public static ParsedTemplate parse(String template) {
        List<TemplatePart> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int line = 1;
        int lineStart = 0;
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '\\' && i + 1 < template.length() && isBrace(template.charAt(i + 1))) {
                text.append(template.charAt(i + 1));
                i += 2;
            } else if (c == '{') {
                int close = template.indexOf('}', i + 1);
                int column = i - lineStart + 1;
                if (close < 0) {
                    throw new TemplateSyntaxException(template.substring(i, Math.min(template.length(), i + 60)),
                            line, column, "Unclosed expression");
                }
                String expression = template.substring(i + 1, close);
                Placeholder placeholder = Placeholder.of(expression);
                if (placeholder == null) {
                    throw new TemplateSyntaxException("{" + expression + "}", line, column, "Unknown expression");
                }
                if (!text.isEmpty()) {
                    parts.add(new TemplatePart.Text(text.toString()));
                    text.setLength(0);
                }
                parts.add(placeholder);
                i = close + 1;
            } else {
                if (c == '\n') {
                    line++;
                    lineStart = i + 1;
                }
                text.append(c);
                i++;
            }
        }
        if (!text.isEmpty()) {
            parts.add(new TemplatePart.Text(text.toString()));
        }
        return new ParsedTemplate(parts);
    }

    private static boolean isBrace(char c) {
        return c == '{' || c == '}';
    }
}
