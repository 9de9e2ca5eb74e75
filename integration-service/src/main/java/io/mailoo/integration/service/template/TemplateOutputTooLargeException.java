package io.mailoo.integration.service.template;

/** Rendering stopped because the output would pass its bound (values are the subscriber's, so unbounded). */
public class TemplateOutputTooLargeException extends RuntimeException {

    public static final String CODE = "TEMPLATE_OUTPUT_TOO_LARGE";

    public TemplateOutputTooLargeException(int maxChars) {
        super("The rendered template would be longer than " + maxChars + " characters.");
    }
}
