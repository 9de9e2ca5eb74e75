package io.mailoo.dispatch.service;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.mailoo.dispatch.config.DispatchSettings;

/** DispatchSettings with the production defaults, for unit tests that need no Quarkus. */
record TestSettings(boolean allowPrivateHosts) implements DispatchSettings {

    @Override
    public List<Integer> allowedPorts() {
        return List.of(25, 465, 587, 2525);
    }

    @Override
    public String ownHostname() {
        return "dispatch.test";
    }

    @Override
    public Duration defaultExpiry() {
        return Duration.ofHours(24);
    }

    @Override
    public Duration profileGrace() {
        return Duration.ofSeconds(15);
    }

    @Override
    public int defaultMaxConnections() {
        return 4;
    }

    @Override
    public int defaultMessagesPerMinute() {
        return 600;
    }

    @Override
    public Duration connectTimeout() {
        return Duration.ofSeconds(10);
    }

    @Override
    public Duration sendTimeout() {
        return Duration.ofMinutes(2);
    }

    @Override
    public Duration socketIdleTimeout() {
        return Duration.ofSeconds(60);
    }

    @Override
    public Optional<List<String>> trustedCertificates() {
        return Optional.empty();
    }

    @Override
    public Duration idleClientTimeout() {
        return Duration.ofMinutes(5);
    }

    @Override
    public int laneQueueLimit() {
        return 2000;
    }

    @Override
    public int inMemoryLimit() {
        return 20000;
    }

    @Override
    public Duration lease() {
        return Duration.ofSeconds(15);
    }

    @Override
    public Duration heartbeatInterval() {
        return Duration.ofSeconds(1);
    }

    @Override
    public Duration instanceTimeout() {
        return Duration.ofSeconds(5);
    }

    @Override
    public int authFailuresBeforeSuspension() {
        return 5;
    }

    @Override
    public Optional<String> operatorAddress() {
        return Optional.empty();
    }

    @Override
    public List<Duration> quickRetryLadder() {
        return List.of(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5),
                Duration.ofMinutes(15));
    }

    @Override
    public List<Duration> slowRetryLadder() {
        return List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(20),
                Duration.ofMinutes(30));
    }

    @Override
    public String pollInterval() {
        return "1s";
    }

    @Override
    public int maxReplyLines() {
        return 100;
    }

    @Override
    public int maxReplyBytes() {
        return 65536;
    }

    @Override
    public Duration testMaxLifetime() {
        return Duration.ofSeconds(60);
    }

    @Override
    public Duration suppressionDuration() {
        return Duration.ofDays(30);
    }

    @Override
    public Duration retention() {
        return Duration.ofDays(30);
    }

    @Override
    public String retentionInterval() {
        return "10m";
    }

    @Override
    public Duration oauthRefreshMargin() {
        return Duration.ofMinutes(5);
    }

    @Override
    public Duration oauthIdleWarning() {
        return Duration.ofDays(60);
    }

    @Override
    public Duration oauthTokenTimeout() {
        return Duration.ofSeconds(10);
    }

    @Override
    public String oauthIdleCheckInterval() {
        return "1h";
    }
}
