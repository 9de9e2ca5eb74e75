package io.mailoo.integration.rest;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A public form post: {email, name, message, fields} (message ignored for subscriptions). */
@Schema(name = "FormPost", requiredProperties = "email")
public record SubmissionRequest(String email, @Schema(nullable = true, maxLength = 200) String name,
        @Schema(nullable = true) String message,
        @Schema(nullable = true, description = "Custom fields, any JSON values.") Map<String, Object> fields) {
}
