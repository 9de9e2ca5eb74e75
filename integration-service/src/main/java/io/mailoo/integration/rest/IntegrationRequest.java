package io.mailoo.integration.rest;

/** {type, name}: creates an integration. */
public record IntegrationRequest(String type, String name) {
}
