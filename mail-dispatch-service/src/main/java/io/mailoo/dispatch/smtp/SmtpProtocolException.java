package io.mailoo.dispatch.smtp;

/**
 * The server answered outside the SMTP protocol or beyond the reply bounds (too many lines, too many bytes, a line
 * too long, not a reply at all); the connection is closed. The message names the bound, never the server's text.
 */
public final class SmtpProtocolException extends RuntimeException {

    public SmtpProtocolException(String message) {
        super(message, null, false, false);
    }
}
