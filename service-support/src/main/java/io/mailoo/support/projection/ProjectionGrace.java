package io.mailoo.support.projection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.mailoo.contracts.ids.TimeOrderedIds;
import io.mailoo.support.http.ProblemException;

/**
 * Read-your-writes across services: a project or integration id that is not (yet) in this service's projection but
 * whose embedded creation time (a time-ordered id, {@link TimeOrderedIds}) lies within the grace may simply not have
 * arrived yet, so it is answered 503 with a *_NOT_YET_VISIBLE code and {@code Retry-After}, never "not found". The
 * answer depends on the id's timestamp only, never on whether the thing exists, so it tells a stranger nothing.
 */
@ApplicationScoped
public class ProjectionGrace {

    /** How far in the future an id's time may be (clock skew between hosts) and still count as just created. */
    static final Duration FUTURE_SKEW = Duration.ofSeconds(5);
    static final long RETRY_AFTER_SECONDS = 1;

    private final Duration grace;
    private final Clock clock;

    @Inject
    ProjectionGrace(@ConfigProperty(name = "mailoo.projection.grace", defaultValue = "PT30S") Duration grace) {
        this(grace, Clock.systemUTC());
    }

    ProjectionGrace(Duration grace, Clock clock) {
        this.grace = grace;
        this.clock = clock;
    }

    /** True when {@code id} is a time-ordered id created within the grace (and not too far in the future). */
    public boolean mayStillArrive(String id) {
        return TimeOrderedIds.createdAt(id).map(created -> within(created, clock.instant(), grace)).orElse(false);
    }

    /**
     * What to throw for an id the projection does not hold (or the caller may not see): the 503 when it may still
     * arrive, else {@code notFound}.
     *
     * @param what "project", "integration": named in the 503's message
     */
    public ProblemException absent(String id, String notYetVisibleCode, String what,
            Supplier<ProblemException> notFound) {
        if (!mayStillArrive(id)) {
            return notFound.get();
        }
        return ProblemException.retryLater(notYetVisibleCode, "This " + what + " id is new and may not have reached "
                + "this service yet; repeat the request after Retry-After seconds.", RETRY_AFTER_SECONDS);
    }

    static boolean within(Instant created, Instant now, Duration grace) {
        return !created.isBefore(now.minus(grace)) && !created.isAfter(now.plus(FUTURE_SKEW));
    }
}
