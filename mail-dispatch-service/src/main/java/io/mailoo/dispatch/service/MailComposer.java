package io.mailoo.dispatch.service;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.mailoo.contracts.events.SendMailRequested;
import io.mailoo.contracts.events.Sender;
import io.mailoo.contracts.validation.HeaderValueValidator;
import io.mailoo.contracts.validation.MailAddressValidator;
import io.mailoo.dispatch.domain.ErrorCodes;
import io.vertx.core.MultiMap;
import io.vertx.ext.mail.MailMessage;

/** Builds the message a profile sends: From and Reply-To come from the profile, the rest from the request. */
@ApplicationScoped
public class MailComposer {

    public static final String MESSAGE_ID_HEADER = "X-Mailoo-Message-Id";

    /** The errorCode that makes the profile's sender unusable, or null when From and Reply-To are safe. */
    public String senderProblem(Sender from, String replyTo) {
        if (from == null || !MailAddressValidator.isValid(from.address())) {
            return from != null && HeaderValueValidator.hasLineBreak(from.address()) ? ErrorCodes.HEADER_INJECTION
                    : ErrorCodes.ADDRESS_INVALID;
        }
        if (!HeaderValueValidator.isSafeValue(from.name()) || HeaderValueValidator.hasLineBreak(replyTo)) {
            return ErrorCodes.HEADER_INJECTION;
        }
        if (replyTo != null && !MailAddressValidator.isValid(replyTo)) {
            return ErrorCodes.ADDRESS_INVALID;
        }
        return null;
    }

    /** The sender side of a profile's messages, built once per profile version instead of once per message. */
    public record SenderEnvelope(String fromHeader, String bounceAddress, String replyTo) {
    }

    public SenderEnvelope envelope(Sender from, String profileReplyTo) {
        return new SenderEnvelope(fromHeader(from), from.address(), profileReplyTo);
    }

    /**
     * The mail's Message-ID: its messageId at the From address's domain, e.g. {@code <0190…@shop.example>}. The same
     * on every attempt of the mail, so a receiving server (and the owner) tells a retry from a new mail; unique
     * because messageId is (the idempotency key of the request).
     */
    public static String messageIdHeader(java.util.UUID messageId, String fromAddress) {
        int at = fromAddress == null ? -1 : fromAddress.lastIndexOf('@');
        String domain = at < 0 || at == fromAddress.length() - 1 ? "mailoo.invalid"
                : fromAddress.substring(at + 1).toLowerCase(java.util.Locale.ROOT);
        return "<" + messageId + "@" + domain + ">";
    }

    public MailMessage compose(SendMailRequested request, SenderEnvelope sender) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        for (Map.Entry<String, String> header : request.headers().entrySet()) {
            headers.add(header.getKey(), header.getValue());
        }
        String replyTo = request.replyTo() != null ? request.replyTo() : sender.replyTo();
        if (replyTo != null) {
            headers.set("Reply-To", replyTo);
        }
        headers.set(MESSAGE_ID_HEADER, request.messageId().toString());
        headers.set("Message-ID", messageIdHeader(request.messageId(), sender.bounceAddress()));
        MailMessage message = new MailMessage()
                .setFrom(sender.fromHeader())
                .setBounceAddress(sender.bounceAddress())
                .setTo(request.to())
                .setSubject(request.subject())
                .setText(request.text())
                .setHtml(request.html())
                .setHeaders(headers);
        if (!request.cc().isEmpty()) {
            message.setCc(request.cc());
        }
        if (!request.bcc().isEmpty()) {
            message.setBcc(request.bcc());
        }
        return message;
    }

    /** "Name <address>", with characters that would break the display name dropped. */
    static String fromHeader(Sender from) {
        if (from.name() == null || from.name().isBlank()) {
            return from.address();
        }
        String name = from.name().replaceAll("[\"<>\\\\]", "").trim();
        return name.isEmpty() ? from.address() : name + " <" + from.address() + ">";
    }
}
