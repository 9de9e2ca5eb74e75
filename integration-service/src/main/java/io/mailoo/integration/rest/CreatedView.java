package io.mailoo.integration.rest;

/** The id of what a public post created. */
public record CreatedView(String id) {
}
