package io.mailoo.integration.rest;

import java.time.Instant;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.mailoo.contracts.json.EventCodec;
import io.mailoo.integration.entity.InboundMessage;

/** An inbound message (a form submission). */
@Schema(requiredProperties = { "id", "email", "name", "message", "fields", "receivedAt" })
public record MessageView(String id, String email, @Schema(nullable = true) String name,
        @Schema(nullable = true) String message, Map<String, Object> fields, Instant receivedAt) {

    @SuppressWarnings("unchecked")
    public static MessageView of(InboundMessage m) {
        return new MessageView(m.id.toString(), m.email, m.name, m.message,
                m.fields == null ? Map.of() : EventCodec.decode(m.fields, Map.class), m.receivedAt);
    }
}
