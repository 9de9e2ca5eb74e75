package io.mailoo.integration.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The id of what a public post created. */
@Schema(requiredProperties = "id")
public record CreatedView(String id) {
}
