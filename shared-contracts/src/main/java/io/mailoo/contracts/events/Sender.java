package io.mailoo.contracts.events;

/** The From of a profile's mail. */
public record Sender(String address, String name) {
}
