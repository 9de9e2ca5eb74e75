package io.mailoo.integration.rest;

/** {subject, text, html}: a reply to an inbound message (text, html or both). */
public record ReplyRequest(String subject, String text, String html) {
}
