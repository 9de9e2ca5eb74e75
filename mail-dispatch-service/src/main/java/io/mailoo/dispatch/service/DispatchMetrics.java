package io.mailoo.dispatch.service;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.mailoo.contracts.events.MailPurpose;
import io.mailoo.contracts.events.MailStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** Dispatch metrics on /q/metrics: results per purpose and status, send latency, sends in flight, open clients. */
@ApplicationScoped
public class DispatchMetrics {

    private final MeterRegistry registry;
    // Meters are looked up once per tag set: a registry lookup per message is measurable at thousands a second.
    private final Map<String, Counter> resultCounters = new ConcurrentHashMap<>();
    private final Map<MailPurpose, Timer> sendTimers = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger openClients = new AtomicInteger();

    private final List<Gauge> gauges;

    public DispatchMetrics(MeterRegistry registry) {
        this.registry = registry;
        gauges = List.of(Gauge.builder("mailoo.dispatch.sends.in.flight", inFlight, AtomicInteger::get).register(registry),
                Gauge.builder("mailoo.dispatch.profile.clients", openClients, AtomicInteger::get).register(registry));
    }

    /**
     * Takes this instance's meters out of the registry when the application stops: the registry can outlive it (a
     * test JVM restarts the application), and a gauge left behind would keep answering for a dead instance while the
     * next one's gauge of the same name is never registered.
     */
    @PreDestroy
    void unregister() {
        gauges.forEach(registry::remove);
        resultCounters.values().forEach(registry::remove);
        sendTimers.values().forEach(registry::remove);
    }

    public void result(MailPurpose purpose, MailStatus status) {
        resultCounters.computeIfAbsent(purpose + "/" + status, key -> Counter.builder("mailoo.dispatch.results")
                .description("Dispatch results by purpose and status")
                .tag("purpose", String.valueOf(purpose)).tag("status", status.name())
                .register(registry)).increment();
    }

    void sendStarted() {
        inFlight.incrementAndGet();
    }

    void sendEnded(MailPurpose purpose, long nanos) {
        inFlight.decrementAndGet();
        sendTimers.computeIfAbsent(purpose, p -> Timer.builder("mailoo.dispatch.send.duration")
                .description("One SMTP send, connection reuse included")
                .tag("purpose", String.valueOf(p)).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    void clientOpened() {
        openClients.incrementAndGet();
    }

    void clientClosed() {
        openClients.decrementAndGet();
    }

    public int openClients() {
        return openClients.get();
    }
}
