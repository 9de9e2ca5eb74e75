package io.mailoo.offer.service;

import java.util.List;

import io.mailoo.contracts.json.EventCodec;
import io.mailoo.offer.domain.Answer;
import io.mailoo.offer.domain.Offer;
import io.mailoo.offer.entity.OfferSubmission;

/** The stored JSON columns of a submission. */
public final class SubmissionJson {

    private SubmissionJson() {
    }

    public static Offer offer(OfferSubmission s) {
        return EventCodec.decode(s.offer, Offer.class);
    }

    public static List<Answer> answers(OfferSubmission s) {
        return List.of(EventCodec.decode(s.answers, Answer[].class));
    }
}
