package io.mailoo.offer.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.mailoo.offer.domain.Answer;
import io.mailoo.offer.domain.Offer;
import io.mailoo.offer.entity.OfferSubmission;
import io.mailoo.offer.service.SubmissionJson;

/** A submission as the owner sees it, with both mail statuses. */
@Schema(requiredProperties = { "submissionId", "createdAt", "customer", "answers", "offer", "customerDelivery",
        "internalNotification" })
public record SubmissionView(UUID submissionId, Instant createdAt, SubmissionRequest.Customer customer,
        List<Answer> answers, Offer offer, MailStatusView customerDelivery, MailStatusView internalNotification) {

    public static SubmissionView of(OfferSubmission s) {
        return new SubmissionView(s.id, s.createdAt, new SubmissionRequest.Customer(s.customerEmail, s.customerName),
                SubmissionJson.answers(s), SubmissionJson.offer(s),
                new MailStatusView(s.deliveryStatus, s.deliveryErrorCode),
                new MailStatusView(s.internalStatus, s.internalErrorCode));
    }
}
