package io.mailoo.market.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.mailoo.contracts.events.MailDispatchResult;
import io.mailoo.market.entity.ConfirmationStatus;
import io.mailoo.market.service.OrderConfirmationMail;
import io.mailoo.support.mail.MailResultRecords;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Follows mailoo.mail-results.v1 for this service's confirmations (source.service = market-service): QUEUED →
 * SENT, FAILED (with errorCode) or NOT_CONFIGURED. A final status is never changed again, so a re-published or
 * late DEFERRED result cannot undo it. Other services' results are skipped by their header, undecoded.
 */
@ApplicationScoped
public class OrderMailResultConsumer {

    /**
     * One statement, no Hibernate session: the consumer's batches share a Vert.x context, and a session kept across
     * them failed under load ("possible non-threadsafe access to session", HR000090) and leaked pool connections
     * until orders timed out (system test, issue 12). The WHERE clause keeps a final status final.
     */
    private static final String APPLY = "UPDATE market_order SET mail_status = $2, mail_error_code = $3, "
            + "updated_at = now() WHERE mail_message_id = $1 AND mail_status = 'QUEUED'";

    private final Pool pool;
    private final MeterRegistry metrics;

    public OrderMailResultConsumer(Pool pool, MeterRegistry metrics) {
        this.pool = pool;
        this.metrics = metrics;
    }

    /** A poll's worth of results at once (batch=true on the channel), handled in order. */
    @Incoming("mail-results")
    public Uni<Void> onResults(ConsumerRecords<String, byte[]> records) {
        return MailResultRecords.inOrder(records, this::onResult);
    }

    Uni<Void> onResult(ConsumerRecord<String, byte[]> record) {
        MailDispatchResult result = MailResultRecords.decodeOwn(record, OrderConfirmationMail.SOURCE_SERVICE);
        if (result == null || !OrderConfirmationMail.ENTITY_TYPE.equals(result.source().entityType())) {
            return Uni.createFrom().voidItem();
        }
        ConfirmationStatus status = ConfirmationStatus.of(result.status());
        if (!status.isFinal()) {
            return Uni.createFrom().voidItem(); // DEFERRED: dispatch retries; the order stays QUEUED
        }
        String errorCode = status == ConfirmationStatus.SENT ? null : result.errorCode();
        return pool.preparedQuery(APPLY).execute(Tuple.of(result.messageId(), status.name(), errorCode))
                .invoke(rows -> {
                    if (rows.rowCount() > 0) {
                        metrics.counter("mailoo.market.confirmations", "status", status.name()).increment();
                    }
                }).replaceWithVoid();
    }
}
