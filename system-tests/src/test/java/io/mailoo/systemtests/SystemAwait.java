package io.mailoo.systemtests;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.restassured.response.Response;

/** Waiting on what crosses services: the answer that a projection has caught up. */
final class SystemAwait {

    private SystemAwait() {
    }

    /** Repeats the call until it answers {@code status}; gives up after 30 s with the last answer. */
    static Response untilStatus(int status, Supplier<Response> call) {
        AtomicReference<Response> last = new AtomicReference<>();
        await("answer " + status).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .failFast(() -> last.get() != null && last.get().statusCode() >= 500
                        && last.get().statusCode() != 503)
                .until(() -> {
                    last.set(call.get());
                    return last.get().statusCode() == status;
                });
        return last.get();
    }
}
