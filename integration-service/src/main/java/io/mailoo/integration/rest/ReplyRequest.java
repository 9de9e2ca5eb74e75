package io.mailoo.integration.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {subject, text, html}: a reply to an inbound message (text, html or both). */
@Schema(requiredProperties = "subject", description = "text, html or both.")
public record ReplyRequest(@Schema(maxLength = 300) String subject, @Schema(nullable = true) String text,
        @Schema(nullable = true) String html) {
}
