package io.mailoo.market.messaging;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.mailoo.contracts.events.MailDispatchResult;
import io.mailoo.contracts.json.EventCodec;
import io.mailoo.contracts.json.EventDecodingException;
import io.mailoo.market.entity.ConfirmationStatus;
import io.mailoo.market.entity.MarketOrder;
import io.mailoo.market.service.OrderConfirmationMail;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Follows mailoo.mail-results.v1 for this service's confirmations (source.service = market-service): QUEUED →
 * SENT, FAILED (with errorCode) or NOT_CONFIGURED. A final status is never changed again, so a re-published or
 * late DEFERRED result cannot undo it.
 */
@ApplicationScoped
public class OrderMailResultConsumer {

    private static final Logger LOG = Logger.getLogger(OrderMailResultConsumer.class);

    private final MeterRegistry metrics;

    public OrderMailResultConsumer(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    @Incoming("mail-results")
    @ActivateRequestContext
    public Uni<Void> onResult(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return Uni.createFrom().voidItem();
        }
        MailDispatchResult result;
        try {
            result = EventCodec.decode(record.value(), MailDispatchResult.class);
        } catch (EventDecodingException e) {
            LOG.warnf("Ignoring an unreadable mail result at offset %d: %s", record.offset(), e.getMessage());
            return Uni.createFrom().voidItem();
        }
        if (!isOurs(result)) {
            return Uni.createFrom().voidItem();
        }
        ConfirmationStatus status = ConfirmationStatus.of(result.status());
        if (!status.isFinal()) {
            return Uni.createFrom().voidItem(); // DEFERRED: dispatch retries; the order stays QUEUED
        }
        return Panache.withTransaction(() -> MarketOrder.<MarketOrder>find("mailMessageId", result.messageId())
                .firstResult().invoke(order -> {
                    if (order == null || ConfirmationStatus.valueOf(order.mailStatus).isFinal()) {
                        return;
                    }
                    order.mailStatus = status.name();
                    order.mailErrorCode = status == ConfirmationStatus.SENT ? null : result.errorCode();
                    order.updatedAt = Instant.now();
                    metrics.counter("mailoo.market.confirmations", "status", status.name()).increment();
                })).replaceWithVoid();
    }

    private static boolean isOurs(MailDispatchResult result) {
        return result.messageId() != null && result.status() != null && result.source() != null
                && OrderConfirmationMail.SOURCE_SERVICE.equals(result.source().service())
                && OrderConfirmationMail.ENTITY_TYPE.equals(result.source().entityType());
    }
}
