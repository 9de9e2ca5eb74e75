package io.mailoo.support.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class KafkaClientMetersTest {

    @Test
    void onlyTheConsumerLagOfTheKafkaClientsIsRegistered() {
        MeterRegistry registry = new SimpleMeterRegistry();
        registry.config().meterFilter(new KafkaClientMeters().onlyTheConsumerLag());

        Gauge.builder("kafka.consumer.fetch.manager.records.lag.max", () -> 7.0).register(registry);
        Gauge.builder("kafka.producer.record.send.rate", () -> 1.0).register(registry);
        registry.counter("kafka.consumer.fetch.manager.records.consumed.total").increment();
        registry.counter("mailoo.dispatch.results", "status", "SENT").increment();
        // not a Kafka client meter: the prefix is "kafka." with its dot
        Gauge.builder("kafkaesque.things", () -> 1.0).register(registry);

        assertEquals(7.0, registry.get("kafka.consumer.fetch.manager.records.lag.max").gauge().value());
        assertNull(registry.find("kafka.producer.record.send.rate").meter());
        assertNull(registry.find("kafka.consumer.fetch.manager.records.consumed.total").meter());
        assertNotNull(registry.find("mailoo.dispatch.results").counter());
        assertNotNull(registry.find("kafkaesque.things").gauge());
    }
}
