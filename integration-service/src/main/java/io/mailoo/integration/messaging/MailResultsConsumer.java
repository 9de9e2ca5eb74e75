package io.mailoo.integration.messaging;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.mailoo.contracts.events.MailDispatchResult;
import io.mailoo.contracts.events.MailState;
import io.mailoo.contracts.events.ProfileRef;
import io.mailoo.integration.entity.Reply;
import io.mailoo.integration.entity.Subscriber;
import io.mailoo.integration.service.MailRequests;
import io.mailoo.integration.service.OutboundMailSuspensions;
import io.mailoo.support.mail.MailResultRecords;
import io.mailoo.support.mail.ProfileSuspension;
import io.mailoo.support.messaging.DatabaseRetry;
import io.mailoo.support.smtpprofile.OAuth2Reconnect;
import io.smallrye.mutiny.Uni;

/**
 * Follows mailoo.mail-results.v1 for this service's mail (source.service = integration-service): replies, welcome
 * and confirmation mails take the dispatch status. A PROFILE_SUSPENDED result for an integration's profile marks its
 * outboundMail suspended (OAUTH_RECONNECT_REQUIRED: "reconnect required") whoever sent the mail (market-service's order confirmations use the same profile).
 * Everything else of other services is skipped by its header, undecoded; SMTP tests are ignored.
 */
@ApplicationScoped
public class MailResultsConsumer {

    private static final Logger LOG = Logger.getLogger(MailResultsConsumer.class);

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
        // retried like every consumer's database work: a failed write must not leave a reply or welcome mail QUEUED
        return DatabaseRetry.inTransaction(() -> suspensions.record(result).chain(() -> applyStatus(result)), LOG,
                "the mail result at offset " + record.offset());
    }

    /** One UPDATE of the mail's own columns (see {@link MailResultRecords#OPEN_STATES}). */
    private static Uni<Void> applyStatus(MailDispatchResult result) {
        if (!MailResultRecords.isFrom(result, MailRequests.SERVICE)) {
            return Uni.createFrom().voidItem();
        }
        String state = MailState.of(result.status()).name();
        String errorCode = MailState.errorCode(result);
        Uni<Integer> updated = switch (String.valueOf(result.source().entityType())) {
            case MailRequests.REPLY -> Reply.update("status = ?1, errorCode = ?2, updatedAt = ?3 where id = ?4"
                    + " and status in " + MailResultRecords.OPEN_STATES, state, errorCode, Instant.now(),
                    result.messageId());
            case MailRequests.WELCOME -> Subscriber.update("welcomeStatus = ?1, welcomeErrorCode = ?2"
                    + " where welcomeMessageId = ?3 and welcomeStatus in " + MailResultRecords.OPEN_STATES, state,
                    errorCode, result.messageId());
            case MailRequests.CONFIRMATION -> Subscriber.update("confirmationStatus = ?1, confirmationErrorCode = ?2"
                    + " where confirmationMessageId = ?3 and confirmationStatus in " + MailResultRecords.OPEN_STATES,
                    state, errorCode, result.messageId());
            default -> Uni.createFrom().item(0);
        };
        return updated.replaceWithVoid();
    }
}
