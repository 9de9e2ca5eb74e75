package io.mailoo.market.messaging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.mailoo.contracts.events.MailDispatchResult;
import io.mailoo.contracts.events.MailState;
import io.mailoo.market.service.OrderConfirmationMail;
import io.mailoo.support.mail.MailResultRecords;
import io.mailoo.support.messaging.DatabaseRetry;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Follows mailoo.mail-results.v1 for this service's confirmations (source.service = market-service): QUEUED →
 * SENT, FAILED (with errorCode) or NOT_CONFIGURED. A final status is never changed again, so a re-published or
 * late DEFERRED result cannot undo it. Other services' results are skipped by their header, undecoded. A poll's
 * final results are written in one UPDATE (one statement per batch instead of a transaction per order: at 500
 * orders/s the per-result transactions cost market-service as much as the orders themselves).
 */
@ApplicationScoped
public class OrderMailResultConsumer {

    private static final Logger LOG = Logger.getLogger(OrderMailResultConsumer.class);
    private static final String UPDATE = "UPDATE market_order AS o SET mail_status = u.status, "
            + "mail_error_code = u.error_code, updated_at = now() "
            + "FROM unnest($1::uuid[], $2::text[], $3::text[]) AS u(message_id, status, error_code) "
            + "WHERE o.mail_message_id = u.message_id AND o.mail_status = 'QUEUED' RETURNING o.mail_status";

    private record Final(MailState status, String errorCode) {
    }

    private final Pool pool;
    private final MeterRegistry metrics;

    public OrderMailResultConsumer(Pool pool, MeterRegistry metrics) {
        this.pool = pool;
        this.metrics = metrics;
    }

    /** A poll's worth of results at once (batch=true on the channel); the first final result per message wins. */
    @Incoming("mail-results")
    public Uni<Void> onResults(ConsumerRecords<String, byte[]> records) {
        Map<UUID, Final> finals = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            MailDispatchResult result = MailResultRecords.decodeOwn(record, OrderConfirmationMail.SOURCE_SERVICE);
            if (result == null || !OrderConfirmationMail.ENTITY_TYPE.equals(result.source().entityType())) {
                continue;
            }
            MailState status = MailState.of(result.status());
            // DEFERRED is not written: the order stays QUEUED until the final result (one write per order at 500/s)
            if (status.isFinal()) {
                finals.putIfAbsent(result.messageId(), new Final(status, MailState.errorCode(result)));
            }
        }
        return finals.isEmpty() ? Uni.createFrom().voidItem() : write(finals);
    }

    private Uni<Void> write(Map<UUID, Final> finals) {
        List<UUID> ids = new ArrayList<>(finals.keySet());
        String[] statuses = ids.stream().map(id -> finals.get(id).status().name()).toArray(String[]::new);
        String[] codes = ids.stream().map(id -> finals.get(id).errorCode()).toArray(String[]::new);
        // the same retry budget as every other consumer's database work (about a minute): a few seconds of
        // "too many clients" or a restart must not leave orders QUEUED whose mail has left
        return DatabaseRetry.retried(pool.preparedQuery(UPDATE).execute(Tuple.of(ids.toArray(UUID[]::new), statuses,
                codes)), LOG, ids.size() + " order confirmation results")
                .invoke(rows -> {
                    for (Row row : rows) {
                        metrics.counter("mailoo.market.confirmations", "status", row.getString(0)).increment();
                    }
                })
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
