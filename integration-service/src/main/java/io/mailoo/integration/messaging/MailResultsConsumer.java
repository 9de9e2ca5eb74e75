package io.mailoo.integration.messaging;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.mailoo.contracts.events.MailDispatchResult;
import io.mailoo.contracts.json.EventCodec;
import io.mailoo.contracts.json.EventDecodingException;
import io.mailoo.integration.entity.Reply;
import io.mailoo.integration.entity.Subscriber;
import io.mailoo.integration.service.MailRequests;
import io.mailoo.integration.service.MailStatuses;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Follows mailoo.mail-results.v1 for this service's mail (source.service = integration-service): replies and welcome
 * mails take the dispatch status. Other services' results and SMTP tests are ignored.
 */
@ApplicationScoped
public class MailResultsConsumer {

    private static final Logger LOG = Logger.getLogger(MailResultsConsumer.class);

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
            LOG.warnf("Ignoring a mail result that does not decode: %s", e.getMessage());
            return Uni.createFrom().voidItem();
        }
        if (result.source() == null || !MailRequests.SERVICE.equals(result.source().service())
                || result.messageId() == null || result.status() == null) {
            return Uni.createFrom().voidItem();
        }
        return switch (String.valueOf(result.source().entityType())) {
            case MailRequests.REPLY -> Panache.withTransaction(() -> Reply.<Reply>findById(result.messageId())
                    .invoke(reply -> apply(reply, result))).replaceWithVoid();
            case MailRequests.WELCOME -> Panache.withTransaction(() -> Subscriber.<Subscriber>find(
                    "welcomeMessageId", result.messageId()).firstResult()
                    .invoke(subscriber -> apply(subscriber, result))).replaceWithVoid();
            default -> Uni.createFrom().voidItem();
        };
    }

    private static void apply(Reply reply, MailDispatchResult result) {
        if (reply != null && MailStatuses.mayChange(reply.status)) {
            reply.status = MailStatuses.of(result);
            reply.errorCode = MailStatuses.errorCode(result);
            reply.updatedAt = Instant.now();
        }
    }

    private static void apply(Subscriber subscriber, MailDispatchResult result) {
        if (subscriber != null && MailStatuses.mayChange(subscriber.welcomeStatus)) {
            subscriber.welcomeStatus = MailStatuses.of(result);
            subscriber.welcomeErrorCode = MailStatuses.errorCode(result);
        }
    }
}
