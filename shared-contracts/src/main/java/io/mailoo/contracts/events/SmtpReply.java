package io.mailoo.contracts.events;

/** The SMTP server's answer: code (e.g. 250, 535), enhanced status (e.g. 5.7.8) and its text. */
public record SmtpReply(Integer code, String enhancedCode, String message) {
}
