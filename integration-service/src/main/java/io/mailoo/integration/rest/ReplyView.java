package io.mailoo.integration.rest;

import java.time.Instant;

import io.mailoo.integration.entity.Reply;

/** A reply and what became of its mail (a shared-contracts MailState, with errorCode). */
public record ReplyView(String replyId, String status, String errorCode, String recipient, String subject,
        String authorUserId, Instant createdAt, Instant updatedAt) {

    public static ReplyView of(Reply r) {
        return new ReplyView(r.id.toString(), r.status, r.errorCode, r.recipient, r.subject, r.authorUserId,
                r.createdAt, r.updatedAt);
    }
}
