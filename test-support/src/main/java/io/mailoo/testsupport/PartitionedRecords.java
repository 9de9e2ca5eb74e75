package io.mailoo.testsupport;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;

import io.mailoo.contracts.Topics;
import io.mailoo.contracts.events.VersionedRemovals;
import io.mailoo.contracts.json.EventCodec;

/**
 * Publishes records of a compacted topic to chosen partitions of the real test broker, so a test can deliver
 * records out of version order and then a probe record on the same partition: a consumer handles a partition in
 * order, so once the probe is projected every record before it was handled too (no sleeping, no "nothing happened"
 * guesswork).
 */
public final class PartitionedRecords implements AutoCloseable {

    private final String topic;
    private final KafkaProducer<String, byte[]> producer;
    private final int partitions;

    public PartitionedRecords(String topic) {
        this.topic = topic;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestClient.BOOTSTRAP);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        partitions = producer.partitionsFor(topic).size();
    }

    /** The partition Kafka's default partitioner puts the key on. */
    public int partitionOf(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(java.nio.charset.StandardCharsets.UTF_8))) % partitions;
    }

    /** A value, on the key's own partition. */
    public void save(String key, Object event) {
        send(partitionOf(key), key, EventCodec.encode(event), null);
    }

    /** A value on another key's partition (the probe). */
    public void saveOn(int partition, String key, Object event) {
        send(partition, key, EventCodec.encode(event), null);
    }

    /** A tombstone with {@code mailoo-removed-version}, or without it (data from before the header) when null. */
    public void remove(String key, Long removedVersion) {
        send(partitionOf(key), key, null, removedVersion);
    }

    private void send(int partition, String key, byte[] value, Long removedVersion) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, partition, key, value);
        if (removedVersion != null) {
            record.headers().add(Topics.REMOVED_VERSION_HEADER, VersionedRemovals.header(removedVersion));
        }
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + topic, e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
