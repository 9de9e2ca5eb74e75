package io.mailoo.support.mail;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jboss.logging.Logger;

import io.mailoo.contracts.Topics;
import io.mailoo.contracts.events.MailDispatchResult;
import io.mailoo.contracts.events.MailStatus;
import io.mailoo.contracts.json.EventCodec;
import io.mailoo.contracts.json.EventDecodingException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Reading {@code mailoo.mail-results.v1}, which carries every service's results: a record whose
 * {@code mailoo-source-service} header names another service is skipped before its JSON is decoded (most records
 * of a busy topic are someone else's); a record without the header (from a dispatcher older than the header) is
 * decoded and filtered by {@code source.service}, as before.
 */
public final class MailResultRecords {

    /**
     * The stored MailStates a result may still replace, as an SQL list: a result is applied by one UPDATE that names
     * only the mail's own columns and carries this condition, never by writing back an entity read earlier (that
     * would undo whatever another transaction changed on the row in between, e.g. a confirmation click).
     */
    public static final String OPEN_STATES = "('QUEUED', 'DEFERRED')";

    private static final Logger LOG = Logger.getLogger(MailResultRecords.class);

    private MailResultRecords() {
    }

    /** True when the header says the result belongs to another service; false when it names {@code service} or is absent. */
    public static boolean fromAnotherService(ConsumerRecord<?, ?> record, String service) {
        String source = header(record.headers(), Topics.RESULT_SOURCE_SERVICE_HEADER);
        return source != null && !source.equals(service);
    }

    /**
     * The result when it is one of {@code service}'s own and usable (messageId and status present); null for another
     * service's record (not decoded), a tombstone, a record that does not decode (logged without its payload) or a
     * result of another {@code source.service}.
     */
    public static MailDispatchResult decodeOwn(ConsumerRecord<String, byte[]> record, String service) {
        if (fromAnotherService(record, service)) {
            return null;
        }
        MailDispatchResult result = decode(record);
        return result != null && isFrom(result, service) ? result : null;
    }

    /**
     * The decoded result with messageId and a status this service knows, or null (tombstone, unreadable — logged —,
     * incomplete, or a status UNKNOWN to this version: a newer dispatcher's, logged; what the service stored for the
     * mail stays as it was until a status it knows arrives).
     */
    public static MailDispatchResult decode(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return null;
        }
        try {
            MailDispatchResult result = EventCodec.decode(record.value(), MailDispatchResult.class);
            if (result.status() == MailStatus.UNKNOWN) {
                LOG.infof("Keeping mail %s as it is: its result at offset %d has a status this version does not "
                        + "know", result.messageId(), record.offset());
                return null;
            }
            return result.messageId() != null && result.status() != null ? result : null;
        } catch (EventDecodingException e) {
            LOG.warnf("Ignoring a mail result at offset %d that does not decode: %s", record.offset(), e.getMessage());
            return null;
        }
    }

    /**
     * Handles a poll's worth of records one after the other, in offset order. The result channels are consumed in
     * batches because most records are skipped by their header at once, and per-record delivery cost more than the
     * skipping (docs/benchmarks.md). A record whose handling fails is logged (without its payload) and passed over,
     * as the channels' failure-strategy=ignore did record by record.
     */
    public static Uni<Void> inOrder(ConsumerRecords<String, byte[]> records,
            Function<ConsumerRecord<String, byte[]>, Uni<Void>> handler) {
        if (records.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(records)
                .onItem().transformToUniAndConcatenate(record -> handler.apply(record)
                        .onFailure().invoke(f -> LOG.warnf("Passing over the mail result at offset %d: %s",
                                record.offset(), f.toString()))
                        .onFailure().recoverWithNull())
                .collect().last().replaceWithVoid();
    }

    public static boolean isFrom(MailDispatchResult result, String service) {
        return result.source() != null && service.equals(result.source().service());
    }

    /** The last value of a header as UTF-8 text, or null when the record does not have it. */
    public static String header(Headers headers, String name) {
        Header header = headers == null ? null : headers.lastHeader(name);
        return header == null || header.value() == null ? null
                : new String(header.value(), StandardCharsets.UTF_8);
    }
}
