package io.mailoo.integration.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** 202 answer of *Create reply*: the reply is queued for the integration's own outboundMail. */
@Schema(requiredProperties = { "replyId", "status" })
public record ReplyCreated(String replyId, @Schema(enumeration = "QUEUED") String status) {
}
