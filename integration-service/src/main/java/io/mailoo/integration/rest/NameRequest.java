package io.mailoo.integration.rest;

/** {name}: creates a project. */
public record NameRequest(String name) {
}
