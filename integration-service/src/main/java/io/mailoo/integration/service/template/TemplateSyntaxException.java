package io.mailoo.integration.service.template;

/** A template that uses something other than the documented placeholders, with where it is (1-based). */
public class TemplateSyntaxException extends RuntimeException {

    private static final int SHOWN = 60;

    private final String expression;
    private final int line;
    private final int column;

    public TemplateSyntaxException(String expression, int line, int column, String problem) {
        super(problem + " " + shown(expression) + " at line " + line + ", column " + column
                + ": only {name}, {email} and {fields.<id>} are placeholders; write \\{ for a literal brace.");
        this.expression = expression;
        this.line = line;
        this.column = column;
    }

    public String expression() {
        return expression;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The expression as the message shows it: cut, so a huge template does not make a huge answer. */
    private static String shown(String expression) {
        return expression.length() <= SHOWN ? expression : expression.substring(0, SHOWN) + "…";
    }
}
