package io.mailoo.support.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.mailoo.contracts.ids.TimeOrderedIds;
import io.mailoo.support.http.ProblemException;

class ProjectionGraceTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private final ProjectionGrace grace = new ProjectionGrace(Duration.ofSeconds(30), Clock.fixed(NOW, ZoneOffset.UTC));

    private static String idAt(Instant t) {
        return TimeOrderedIds.at(t.toEpochMilli()).toString();
    }

    @Test
    void aTimeOrderedIdWithinTheGraceMayStillArrive() {
        assertTrue(grace.mayStillArrive(idAt(NOW)));
        assertTrue(grace.mayStillArrive(idAt(NOW.minusSeconds(29))));
        assertTrue(grace.mayStillArrive(idAt(NOW.plusSeconds(4)))); // another host's clock a little ahead
    }

    @Test
    void oldFutureAndOtherIdsDoNot() {
        assertFalse(grace.mayStillArrive(idAt(NOW.minusSeconds(31))));
        assertFalse(grace.mayStillArrive(idAt(NOW.plusSeconds(6))));
        assertFalse(grace.mayStillArrive(UUID.randomUUID().toString()));
        assertFalse(grace.mayStillArrive("project-abc"));
        assertFalse(grace.mayStillArrive(null));
    }

    @Test
    void aFreshIdIsA503WithRetryAfterAndTheCodeOtherwiseTheNotFound() {
        ProblemException fresh = grace.absent(idAt(NOW), "PROJECT_NOT_YET_VISIBLE", "project",
                () -> ProblemException.notFound("PROJECT_NOT_FOUND", "No such project."));
        assertEquals(503, fresh.status());
        assertEquals("PROJECT_NOT_YET_VISIBLE", fresh.code());
        assertEquals(1, fresh.retryAfterSeconds());
        ProblemException old = grace.absent(idAt(NOW.minusSeconds(60)), "PROJECT_NOT_YET_VISIBLE", "project",
                () -> ProblemException.notFound("PROJECT_NOT_FOUND", "No such project."));
        assertEquals(404, old.status());
        assertEquals("PROJECT_NOT_FOUND", old.code());
        assertEquals(0, old.retryAfterSeconds());
    }
}
