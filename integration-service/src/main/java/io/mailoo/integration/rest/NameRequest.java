package io.mailoo.integration.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {name}: creates a project. */
@Schema(requiredProperties = "name")
public record NameRequest(@Schema(maxLength = 100) String name) {
}
