package io.mailoo.offer.messaging;

import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import io.mailoo.contracts.json.EventCodec;
import io.mailoo.contracts.json.EventDecodingException;
import io.smallrye.mutiny.Uni;

/**
 * What the projections of compacted topics share: a tombstone deletes the key's row, a malformed record is logged
 * (without its payload) and skipped, anything else is applied in a transaction (retried, see {@link DatabaseRetry}).
 */
final class CompactedTopicRecords {

    private CompactedTopicRecords() {
    }

    static <T> Uni<Void> apply(ConsumerRecord<String, byte[]> record, Class<T> type, Logger log,
            Function<String, Uni<?>> delete, Function<T, Uni<?>> upsert) {
        if (record.value() == null) {
            return DatabaseRetry.inTransaction(() -> delete.apply(record.key()), log,
                    "a tombstone on " + record.topic());
        }
        T event;
        try {
            event = EventCodec.decode(record.value(), type);
        } catch (EventDecodingException e) {
            log.warnf("Skipping a malformed record at %s-%d@%d: %s", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return Uni.createFrom().voidItem();
        }
        return DatabaseRetry.inTransaction(() -> upsert.apply(event), log, "a record of " + record.topic());
    }
}
