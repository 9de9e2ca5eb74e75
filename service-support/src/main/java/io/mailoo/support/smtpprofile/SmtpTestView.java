package io.mailoo.support.smtpprofile;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The 200 answer of a test: the message was accepted; where it went and the SMTP server's last reply. */
@Schema(name = "SmtpTestResult", requiredProperties = { "status", "recipient", "smtp" })
public record SmtpTestView(@Schema(enumeration = "SENT") String status,
        @Schema(description = "The caller's own address (JWT email claim).") String recipient,
        @Schema(nullable = true, description = "The server's last reply; null when dispatch reported none.")
        Smtp smtp) {

    @Schema(name = "SmtpReply", requiredProperties = { "code", "message" })
    public record Smtp(@Schema(nullable = true) Integer code, @Schema(nullable = true) String message) {
    }
}
