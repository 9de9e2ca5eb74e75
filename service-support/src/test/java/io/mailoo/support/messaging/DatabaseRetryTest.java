package io.mailoo.support.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

/**
 * The retry budget of consumers' database work: a database that is unavailable is waited out however long it takes
 * (here 3 × the budget of attempts), any other failure is given up after 9 attempts.
 */
class DatabaseRetryTest {

    private static final Logger LOG = Logger.getLogger(DatabaseRetryTest.class);
    private static final Duration FAST = Duration.ofMillis(1);
    private static final int LONG_OUTAGE = 3 * (DatabaseRetry.ATTEMPTS + 1);

    @Test
    void anOutageIsWaitedOutUntilTheDatabaseAnswers() {
        AtomicInteger attempts = new AtomicInteger();
        Uni<String> write = Uni.createFrom().item(() -> {
            if (attempts.incrementAndGet() <= LONG_OUTAGE) {
                throw new IllegalStateException("wrapped",
                        new PgException("sorry, too many clients already", "FATAL", "53300", null));
            }
            return "written";
        });

        assertEquals("written", DatabaseRetry.retried(write, LOG, "a test write", FAST, FAST).await()
                .atMost(Duration.ofSeconds(30)));
        assertEquals(LONG_OUTAGE + 1, attempts.get());
    }

    @Test
    void anyOtherFailureIsGivenUpAfterNineAttempts() {
        AtomicInteger attempts = new AtomicInteger();
        Uni<String> write = Uni.createFrom().item(() -> {
            attempts.incrementAndGet();
            throw new PgException("relation \"market_order\" does not exist", "ERROR", "42P01", null);
        });

        RuntimeException given = assertThrows(RuntimeException.class,
                () -> DatabaseRetry.retried(write, LOG, "a test write", FAST, FAST).await()
                        .atMost(Duration.ofSeconds(30)));
        assertInstanceOf(PgException.class, given);
        assertEquals(DatabaseRetry.ATTEMPTS + 1, attempts.get());
    }

    @Test
    void anOutageThenAnotherFailureStillEndsAfterTheBudgetOfOtherFailures() {
        AtomicInteger attempts = new AtomicInteger();
        Uni<String> write = Uni.createFrom().item(() -> {
            if (attempts.incrementAndGet() <= 5) {
                throw new PgException("the database system is starting up", "FATAL", "57P03", null);
            }
            throw new PgException("duplicate key", "ERROR", "23505", null);
        });

        assertThrows(RuntimeException.class, () -> DatabaseRetry.retried(write, LOG, "a test write", FAST, FAST)
                .await().atMost(Duration.ofSeconds(30)));
        assertEquals(5 + DatabaseRetry.ATTEMPTS + 1, attempts.get());
    }
}
