package io.mailoo.integration.rest;

import java.util.Map;

/** A public form post: {email, name, message, fields} (message ignored for subscriptions). */
public record SubmissionRequest(String email, String name, String message, Map<String, Object> fields) {
}
