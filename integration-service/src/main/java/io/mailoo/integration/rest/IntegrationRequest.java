package io.mailoo.integration.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.mailoo.integration.entity.IntegrationType;

/** {type, name}: creates an integration. */
@Schema(requiredProperties = { "type", "name" })
public record IntegrationRequest(@Schema(implementation = IntegrationType.class) String type,
        @Schema(maxLength = 100) String name) {
}
