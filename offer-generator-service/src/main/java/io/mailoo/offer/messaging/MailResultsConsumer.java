package io.mailoo.offer.messaging;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.mailoo.contracts.events.MailDispatchResult;
import io.mailoo.contracts.events.MailPurpose;
import io.mailoo.contracts.json.EventCodec;
import io.mailoo.contracts.json.EventDecodingException;
import io.mailoo.offer.entity.OfferSubmission;
import io.mailoo.offer.service.SubmissionMails;
import io.smallrye.mutiny.Uni;

/**
 * Follows mailoo.mail-results.v1 for this service's offer mails (source.service = offer-generator-service) and
 * moves each submission's mail status along. A final status is never replaced by a later DEFERRED.
 */
@ApplicationScoped
public class MailResultsConsumer {

    private static final Logger LOG = Logger.getLogger(MailResultsConsumer.class);
    private static final String OPEN = "('QUEUED', 'DEFERRED')";

    @Inject
    MeterRegistry metrics;

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
            LOG.warnf("Skipping a malformed mail result at offset %d: %s", record.offset(), e.getMessage());
            return Uni.createFrom().voidItem();
        }
        if (!ours(result)) {
            return Uni.createFrom().voidItem();
        }
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
                        + "MessageId = ?4 and " + column + "Status in " + OPEN,
                result.status().name(), result.errorCode(), submissionId, result.messageId()), LOG,
                "mail result " + result.messageId());
    }

    private static boolean ours(MailDispatchResult result) {
        return result.source() != null && SubmissionMails.SOURCE_SERVICE.equals(result.source().service())
                && SubmissionMails.ENTITY_TYPE.equals(result.source().entityType()) && result.status() != null
                && (result.purpose() == MailPurpose.OFFER_DELIVERY
                        || result.purpose() == MailPurpose.OFFER_INTERNAL_NOTIFICATION);
    }
}
