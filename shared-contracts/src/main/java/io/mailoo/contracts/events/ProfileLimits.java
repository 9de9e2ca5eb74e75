package io.mailoo.contracts.events;

/** Per-profile throttles: sockets open at once and sends per minute (null = the dispatcher's default). */
public record ProfileLimits(Integer maxConnections, Integer messagesPerMinute) {
}
