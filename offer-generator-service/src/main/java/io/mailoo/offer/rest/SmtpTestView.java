package io.mailoo.offer.rest;

/** 200 answer of the SMTP test route: the message was accepted by the server. */
public record SmtpTestView(String status, String recipient, Smtp smtp) {

    public record Smtp(Integer code, String message) {
    }
}
