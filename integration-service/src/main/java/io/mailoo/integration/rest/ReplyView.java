package io.mailoo.integration.rest;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.mailoo.contracts.events.MailState;
import io.mailoo.integration.entity.Reply;

/** A reply and what became of its mail (a shared-contracts MailState, with errorCode). */
@Schema(requiredProperties = { "replyId", "status", "errorCode", "recipient", "subject", "authorUserId",
        "createdAt", "updatedAt" })
public record ReplyView(String replyId, @Schema(implementation = MailState.class) String status,
        @Schema(nullable = true) String errorCode, String recipient, String subject, String authorUserId,
        Instant createdAt, @Schema(nullable = true) Instant updatedAt) {

    public static ReplyView of(Reply r) {
        return new ReplyView(r.id.toString(), r.status, r.errorCode, r.recipient, r.subject, r.authorUserId,
                r.createdAt, r.updatedAt);
    }
}
