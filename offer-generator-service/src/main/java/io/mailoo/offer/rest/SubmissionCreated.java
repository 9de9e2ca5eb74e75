package io.mailoo.offer.rest;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.mailoo.offer.domain.Offer;
import io.mailoo.offer.entity.OfferSubmission;
import io.mailoo.offer.service.SubmissionJson;

/** 201 answer of the public submission route. */
@Schema(requiredProperties = { "submissionId", "offer", "customerDelivery", "internalNotification" })
public record SubmissionCreated(UUID submissionId, Offer offer, MailStatusView customerDelivery,
        MailStatusView internalNotification) {

    public static SubmissionCreated of(OfferSubmission s) {
        return new SubmissionCreated(s.id, SubmissionJson.offer(s), new MailStatusView(s.deliveryStatus, null),
                new MailStatusView(s.internalStatus, null));
    }
}
