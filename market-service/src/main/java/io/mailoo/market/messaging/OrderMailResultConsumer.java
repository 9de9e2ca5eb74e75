package io.mailoo.market.messaging;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.mailoo.contracts.events.MailDispatchResult;
import io.mailoo.market.entity.ConfirmationStatus;
import io.mailoo.market.entity.MarketOrder;
import io.mailoo.market.service.OrderConfirmationMail;
import io.mailoo.support.mail.MailResultRecords;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Follows mailoo.mail-results.v1 for this service's confirmations (source.service = market-service): QUEUED →
 * SENT, FAILED (with errorCode) or NOT_CONFIGURED. A final status is never changed again, so a re-published or
 * late DEFERRED result cannot undo it. Other services' results are skipped by their header, undecoded.
 */
@ApplicationScoped
public class OrderMailResultConsumer {

    private final MeterRegistry metrics;

    public OrderMailResultConsumer(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    /** A poll's worth of results at once (batch=true on the channel), handled in order. */
    @Incoming("mail-results")
    @ActivateRequestContext
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
}
