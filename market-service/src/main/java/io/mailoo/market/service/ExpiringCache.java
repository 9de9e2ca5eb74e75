package io.mailoo.market.service;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;

/**
 * A small in-memory cache whose entries live at most {@code ttl}; only found values are kept (a miss is asked
 * again every time, so unknown keys cannot fill it). {@link #forget} and {@link #clear} also stop a load that was
 * already running from storing what it read before, so a value forgotten after its change committed is never put
 * back stale. One load per key at a time: callers that miss while it runs wait for it (and go on on their own
 * Vert.x context, {@code resumeOn}), so an expiry under load is one query, not one per request. Bounded: when full
 * it starts over. A ttl of zero caches nothing.
 */
final class ExpiringCache<K, V> {

    private record Entry<V>(V value, long expiresAt) {
    }

    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final Map<K, Uni<V>> loading = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final long ttlNanos;
    private final int maxEntries;
    private final LongSupplier nanoClock;
    private final Supplier<Executor> resumeOn;

    /** @param resumeOn where a caller that waited for another caller's load goes on (its own event loop) */
    ExpiringCache(Duration ttl, int maxEntries, LongSupplier nanoClock, Supplier<Executor> resumeOn) {
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
        this.nanoClock = nanoClock;
        this.resumeOn = resumeOn;
    }

    /** The cached value, or the loader's (stored when not null); the loader runs only on a miss. */
    Uni<V> get(K key, Supplier<Uni<V>> loader) {
        V cached = peek(key);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        Uni<V> running = loading.get(key);
        if (running != null) {
            return running.emitOn(resumeOn.get());
        }
        long loadedIn = generation.get();
        Uni<V> load = Uni.createFrom().<V>deferred(loader::get).invoke(value -> put(key, value, loadedIn))
                .onTermination().invoke(() -> loading.remove(key)).memoize().indefinitely();
        Uni<V> raced = loading.putIfAbsent(key, load);
        return raced == null ? load : raced.emitOn(resumeOn.get());
    }

    /** The cached value or null. */
    V peek(K key) {
        Entry<V> e = entries.get(key);
        if (e == null) {
            return null;
        }
        if (nanoClock.getAsLong() - e.expiresAt < 0) {
            return e.value;
        }
        entries.remove(key, e);
        return null;
    }

    /** Stores a value read just now (for values that never change, so no load can be stale). */
    void store(K key, V value) {
        put(key, value, generation.get());
    }

    private void put(K key, V value, long loadedIn) {
        if (value == null || ttlNanos <= 0 || generation.get() != loadedIn) {
            return;
        }
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        entries.put(key, new Entry<>(value, nanoClock.getAsLong() + ttlNanos));
    }

    void forget(K key) {
        generation.incrementAndGet();
        entries.remove(key);
    }

    void clear() {
        generation.incrementAndGet();
        entries.clear();
    }
}
