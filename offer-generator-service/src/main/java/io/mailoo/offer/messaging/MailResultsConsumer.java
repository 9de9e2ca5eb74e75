package io.mailoo.offer.messaging;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.mailoo.contracts.events.MailDispatchResult;
import io.mailoo.contracts.events.MailState;
import io.mailoo.contracts.events.MailPurpose;
import io.mailoo.contracts.events.ProfileRef;
import io.mailoo.offer.entity.OfferMailSettings;
import io.mailoo.offer.entity.OfferSubmission;
import io.mailoo.offer.service.SubmissionMails;
import io.mailoo.support.mail.MailResultRecords;
import io.mailoo.support.mail.ProfileSuspension;
import io.mailoo.support.messaging.DatabaseRetry;
import io.mailoo.support.smtpprofile.OAuth2Reconnect;
import io.smallrye.mutiny.Uni;

/**
 * Follows mailoo.mail-results.v1 for this service's offer mails (source.service = offer-generator-service) and
 * moves each submission's mail status along. A final status is never replaced by a later DEFERRED. A
 * PROFILE_SUSPENDED result marks the generator's mail settings suspended, an OAUTH_RECONNECT_REQUIRED one marks
 * them "reconnect required". Other services' results are skipped by
 * their header, undecoded (the generator profiles are used by this service only).
 */
@ApplicationScoped
public class MailResultsConsumer {

    private static final Logger LOG = Logger.getLogger(MailResultsConsumer.class);

    @Inject
    MeterRegistry metrics;

    /** A poll's worth of results at once (batch=true on the channel), handled in order. */
    @Incoming("mail-results")
    @ActivateRequestContext
    public Uni<Void> onResults(ConsumerRecords<String, byte[]> records) {
        return MailResultRecords.inOrder(records, this::onResult);
    }

    Uni<Void> onResult(ConsumerRecord<String, byte[]> record) {
        MailDispatchResult result = MailResultRecords.decodeOwn(record, SubmissionMails.SOURCE_SERVICE);
        if (result == null) {
            return Uni.createFrom().voidItem();
        }
        UUID suspendedGenerator = ProfileSuspension.suspendedOwner(result, ProfileRef.Kind.OFFER_GENERATOR);
        UUID reconnectGenerator = OAuth2Reconnect.reportedOwner(result, ProfileRef.Kind.OFFER_GENERATOR);
        Uni<Void> suspension = suspendedGenerator != null ? recordSuspension(suspendedGenerator, result)
                : reconnectGenerator != null ? recordReconnect(reconnectGenerator, result)
                : Uni.createFrom().voidItem();
        return ours(result) ? suspension.chain(() -> applyStatus(result)) : suspension;
    }

    /** Only a result after the last save counts (an earlier one is about replaced settings); the first sets since. */
    private Uni<Void> recordSuspension(UUID generatorId, MailDispatchResult result) {
        return DatabaseRetry.inTransaction(() -> OfferMailSettings.update(
                "smtp.suspendedAt = ?1 where generatorId = ?2 and smtp.updatedAt < ?1 and smtp.suspendedAt is null",
                result.occurredAt(), generatorId), LOG, "suspension of " + result.profileRef());
    }

    /** A grant refused after its connect: "reconnect required" until the next connect (the first result sets it). */
    private Uni<Void> recordReconnect(UUID generatorId, MailDispatchResult result) {
        return DatabaseRetry.inTransaction(() -> OfferMailSettings.update(OAuth2Reconnect.update("generatorId"),
                result.occurredAt(), generatorId), LOG, "reconnect required of " + result.profileRef());
    }

    private Uni<Void> applyStatus(MailDispatchResult result) {
        metrics.counter("mailoo_offer_mail_results_total", "purpose", result.purpose().name(), "status",
                result.status().name()).increment();
        UUID submissionId;
        try {
            submissionId = UUID.fromString(result.source().entityId());
        } catch (IllegalArgumentException | NullPointerException e) {
            return Uni.createFrom().voidItem();
        }
        String column = result.purpose() == MailPurpose.OFFER_DELIVERY ? "delivery" : "internal";
        return DatabaseRetry.inTransaction(() -> OfferSubmission.update(
                column + "Status = ?1, " + column + "ErrorCode = ?2 where id = ?3 and " + column
                        + "MessageId = ?4 and " + column + "Status in " + MailResultRecords.OPEN_STATES,
                MailState.of(result.status()).name(), MailState.errorCode(result), submissionId, result.messageId()), LOG,
                "mail result " + result.messageId());
    }

    private static boolean ours(MailDispatchResult result) {
        return SubmissionMails.ENTITY_TYPE.equals(result.source().entityType())
                && (result.purpose() == MailPurpose.OFFER_DELIVERY
                        || result.purpose() == MailPurpose.OFFER_INTERNAL_NOTIFICATION);
    }
}
