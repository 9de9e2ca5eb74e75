package io.mailoo.integration.messaging;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.mailoo.contracts.events.MailDispatchResult;
import io.mailoo.contracts.events.MailState;
import io.mailoo.contracts.events.ProfileRef;
import io.mailoo.integration.entity.Reply;
import io.mailoo.integration.entity.Subscriber;
import io.mailoo.integration.service.MailRequests;
import io.mailoo.integration.service.OutboundMailSuspensions;
import io.mailoo.support.mail.MailResultRecords;
import io.mailoo.support.mail.ProfileSuspension;
import io.mailoo.support.smtpprofile.OAuth2Reconnect;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Follows mailoo.mail-results.v1 for this service's mail (source.service = integration-service): replies, welcome
 * and confirmation mails take the dispatch status. A PROFILE_SUSPENDED result for an integration's profile marks its
 * outboundMail suspended (OAUTH_RECONNECT_REQUIRED: "reconnect required") whoever sent the mail (market-service's order confirmations use the same profile).
 * Everything else of other services is skipped by its header, undecoded; SMTP tests are ignored.
 */
@ApplicationScoped
public class MailResultsConsumer {

    @Inject
    OutboundMailSuspensions suspensions;

    /** A poll's worth of results at once (batch=true on the channel), handled in order. */
    @Incoming("mail-results")
    @ActivateRequestContext
    public Uni<Void> onResults(ConsumerRecords<String, byte[]> records) {
        return MailResultRecords.inOrder(records, this::onResult);
    }

    Uni<Void> onResult(ConsumerRecord<String, byte[]> record) {
        if (MailResultRecords.fromAnotherService(record, MailRequests.SERVICE)
                && !ProfileSuspension.mayReport(record, ProfileRef.Kind.INTEGRATION)
                && !OAuth2Reconnect.mayReport(record, ProfileRef.Kind.INTEGRATION)) {
            return Uni.createFrom().voidItem();
        }
        MailDispatchResult result = MailResultRecords.decode(record);
        if (result == null) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> suspensions.record(result).chain(() -> applyStatus(result)));
    }

    private static Uni<Void> applyStatus(MailDispatchResult result) {
        if (!MailResultRecords.isFrom(result, MailRequests.SERVICE)) {
            return Uni.createFrom().voidItem();
        }
        return switch (String.valueOf(result.source().entityType())) {
            case MailRequests.REPLY -> Reply.<Reply>findById(result.messageId())
                    .invoke(reply -> apply(reply, result)).replaceWithVoid();
            case MailRequests.WELCOME -> Subscriber.<Subscriber>find("welcomeMessageId", result.messageId())
                    .firstResult().invoke(subscriber -> apply(subscriber, result)).replaceWithVoid();
            case MailRequests.CONFIRMATION -> Subscriber.<Subscriber>find("confirmationMessageId", result.messageId())
                    .firstResult().invoke(subscriber -> applyToConfirmation(subscriber, result)).replaceWithVoid();
            default -> Uni.createFrom().voidItem();
        };
    }

    private static void apply(Reply reply, MailDispatchResult result) {
        if (reply != null && MailState.mayChange(reply.status)) {
            reply.status = MailState.of(result.status()).name();
            reply.errorCode = MailState.errorCode(result);
            reply.updatedAt = Instant.now();
        }
    }

    private static void applyToConfirmation(Subscriber subscriber, MailDispatchResult result) {
        if (subscriber != null && MailState.mayChange(subscriber.confirmationStatus)) {
            subscriber.confirmationStatus = MailState.of(result.status()).name();
            subscriber.confirmationErrorCode = MailState.errorCode(result);
        }
    }

    private static void apply(Subscriber subscriber, MailDispatchResult result) {
        if (subscriber != null && MailState.mayChange(subscriber.welcomeStatus)) {
            subscriber.welcomeStatus = MailState.of(result.status()).name();
            subscriber.welcomeErrorCode = MailState.errorCode(result);
        }
    }
}
