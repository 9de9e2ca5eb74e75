package io.mailoo.contracts.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Value of {@code mailoo.mail-requests.v1}, keyed by profileRef. {@code messageId} is the idempotency key.
 */
public record SendMailRequested(
        UUID messageId,
        String profileRef,
        long minProfileVersion,
        MailPurpose purpose,
        String projectUid,
        MailSource source,
        List<String> to,
        List<String> cc,
        List<String> bcc,
        String replyTo,
        String subject,
        String text,
        String html,
        Map<String, String> headers,
        InlineProfile inlineProfile,
        Instant requestedAt,
        Instant expiresAt) {

    public SendMailRequested {
        to = to == null ? List.of() : List.copyOf(to);
        cc = cc == null ? List.of() : List.copyOf(cc);
        bcc = bcc == null ? List.of() : List.copyOf(bcc);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** Bodies and the inline profile are left out: a logged request shows routing, not content. */
    @Override
    public String toString() {
        return "SendMailRequested[messageId=" + messageId + ", profileRef=" + profileRef + ", purpose=" + purpose
                + ", source=" + source + ", recipients=" + (to.size() + cc.size() + bcc.size()) + "]";
    }
}
