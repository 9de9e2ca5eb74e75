package io.mailoo.market.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;

class ExpiringCacheTest {

    private final AtomicLong now = new AtomicLong();
    private final ExpiringCache<String, String> cache = new ExpiringCache<>(Duration.ofSeconds(2), 3, now::get,
            () -> Runnable::run);
    private final AtomicInteger loads = new AtomicInteger();

    private String get(String key, String value) {
        return cache.get(key, () -> {
            loads.incrementAndGet();
            return Uni.createFrom().item(value);
        }).await().indefinitely();
    }

    @Test
    void aValueIsLoadedOnceThenAgainAfterTheTtl() {
        assertEquals("a", get("k", "a"));
        now.addAndGet(Duration.ofMillis(1999).toNanos());
        assertEquals("a", get("k", "b"));
        assertEquals(1, loads.get());
        now.addAndGet(Duration.ofMillis(1).toNanos());
        assertEquals("b", get("k", "b"));
        assertEquals(2, loads.get());
    }

    @Test
    void missesAreNotCachedAndForgetApplies() {
        assertNull(get("unknown", null));
        assertNull(get("unknown", null));
        assertEquals(2, loads.get());
        get("k", "a");
        cache.forget("k");
        assertEquals("b", get("k", "b"));
    }

    @Test
    void aLoadRunningWhileTheKeyIsForgottenDoesNotStoreItsStaleValue() {
        UnicastProcessor<String> slow = UnicastProcessor.create();
        Uni<String> running = cache.get("k", () -> Uni.createFrom().publisher(slow));
        var result = running.subscribeAsCompletionStage();
        cache.forget("k"); // the change committed after the load had read
        slow.onNext("stale");
        slow.onComplete();
        assertEquals("stale", result.join()); // that caller still gets what it read
        assertEquals("fresh", get("k", "fresh")); // but the next one reads again
    }

    @Test
    void callersMissingWhileALoadRunsShareIt() {
        UnicastProcessor<String> slow = UnicastProcessor.create();
        var first = cache.get("k", () -> {
            loads.incrementAndGet();
            return Uni.createFrom().publisher(slow);
        }).subscribeAsCompletionStage();
        var second = cache.get("k", () -> {
            loads.incrementAndGet();
            return Uni.createFrom().item("another read");
        }).subscribeAsCompletionStage();
        slow.onNext("v");
        slow.onComplete();
        assertEquals("v", first.join());
        assertEquals("v", second.join());
        assertEquals(1, loads.get());
        assertEquals("v", get("k", "x")); // and it was stored
    }

    @Test
    void whenFullItStartsOver() {
        get("a", "1");
        get("b", "2");
        get("c", "3");
        get("d", "4");
        assertEquals("x", get("a", "x"));
    }
}
