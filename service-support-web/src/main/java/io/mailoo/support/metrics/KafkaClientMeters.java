package io.mailoo.support.metrics;

import java.util.Set;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Of the Kafka clients' own meters, only the consumers' largest lag is kept: it is the one the alerts and the
 * dashboard read (deploy/observability). The client registers about 150 meters per producer or consumer, which made
 * three quarters of every Prometheus scrape (market-service: 425 of about 600 series, 185 KB after a load run) and
 * cost a service tens of milliseconds of CPU per scrape (docs/benchmarks.md, fifteenth session).
 */
@Singleton
public class KafkaClientMeters {

    static final String KAFKA_CLIENT_PREFIX = "kafka.";
    static final Set<String> KEPT = Set.of("kafka.consumer.fetch.manager.records.lag.max");

    @Produces
    @Singleton
    MeterFilter onlyTheConsumerLag() {
        return MeterFilter.deny(KafkaClientMeters::dropped);
    }

    static boolean dropped(Meter.Id id) {
        return id.getName().startsWith(KAFKA_CLIENT_PREFIX) && !KEPT.contains(id.getName());
    }
}
