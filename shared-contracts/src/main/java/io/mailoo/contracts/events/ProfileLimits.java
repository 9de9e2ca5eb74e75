package io.mailoo.contracts.events;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * Per-profile throttles (null = the dispatcher's default, or no daily cap): sockets open at once, sends per minute,
 * and recipients per rolling day where the profile's provider has such a cap (Microsoft 365: 10,000, Google Workspace:
 * 2,000). Over any of them a mail is DEFERRED until the window allows, never FAILED for it.
 */
public record ProfileLimits(Integer maxConnections, Integer messagesPerMinute, Integer recipientsPerDay) {

    @JsonCreator
    public ProfileLimits {
    }

    public ProfileLimits(Integer maxConnections, Integer messagesPerMinute) {
        this(maxConnections, messagesPerMinute, null);
    }
}
