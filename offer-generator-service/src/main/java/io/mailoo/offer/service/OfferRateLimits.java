package io.mailoo.offer.service;

import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.mailoo.offer.config.OfferConfig;
import io.mailoo.support.http.RateLimitedException;
import io.mailoo.support.ratelimit.RateLimit;
import io.mailoo.support.ratelimit.SharedRateLimiter;
import io.smallrye.mutiny.Uni;

/**
 * The service's limits, all counted in PostgreSQL by service-support's {@link SharedRateLimiter} so every replica
 * shares one budget. Each call is its own statement: call these outside a Hibernate transaction.
 */
@ApplicationScoped
public class OfferRateLimits {

    private static final Duration HOUR = Duration.ofHours(1);

    private final SharedRateLimiter limiter;
    private final RateLimit submissions;
    private final RateLimit deliveries;
    private final RateLimit testsPerUser;
    private final RateLimit testsPerProject;

    @Inject
    public OfferRateLimits(SharedRateLimiter limiter, OfferConfig config) {
        this.limiter = limiter;
        this.submissions = new RateLimit("offer public submissions per generator", config.submissionsPerMinute(),
                Duration.ofMinutes(1));
        this.deliveries = new RateLimit("offer deliveries per recipient", config.deliveriesPerRecipientPerHour(),
                HOUR);
        this.testsPerUser = new RateLimit("offer SMTP tests per user", config.smtpTestsPerUserPerHour(), HOUR);
        this.testsPerProject = new RateLimit("offer SMTP tests per project", config.smtpTestsPerProjectPerHour(),
                HOUR);
    }

    /** 429 when the generator's public route is over its rate; only call it for a generator that exists. */
    public Uni<Void> submission(UUID generatorId) {
        return limiter.acquire(submissions, generatorId.toString());
    }

    /** Whether one more customer delivery to this address may be sent for this generator (false: skip it). */
    public Uni<Boolean> delivery(UUID generatorId, String recipient) {
        return limiter.acquire(deliveries, generatorId + "\n" + recipient.strip().toLowerCase(Locale.ROOT))
                .replaceWith(Boolean.TRUE)
                .onFailure(RateLimitedException.class).recoverWithItem(Boolean.FALSE);
    }

    public Uni<Void> testByUser(String userId) {
        return limiter.acquire(testsPerUser, userId);
    }

    public Uni<Void> testInProject(String projectUid) {
        return limiter.acquire(testsPerProject, projectUid);
    }
}
