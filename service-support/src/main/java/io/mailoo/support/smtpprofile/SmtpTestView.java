package io.mailoo.support.smtpprofile;

/** The 200 answer of a test: the message was accepted; where it went and the SMTP server's last reply. */
public record SmtpTestView(String status, String recipient, Smtp smtp) {

    public record Smtp(Integer code, String message) {
    }
}
