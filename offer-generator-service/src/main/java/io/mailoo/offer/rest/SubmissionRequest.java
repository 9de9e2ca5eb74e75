package io.mailoo.offer.rest;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of the public submission route: answers by field id, and who gets the offer. */
@Schema(name = "OfferSubmissionRequest", requiredProperties = { "answers", "customer" })
public record SubmissionRequest(@Schema(description = "Answers by field id: a CHOICE's option id (string), a NUMBER "
        + "(integer), a TEXT (string); a value of another JSON type is 422 ANSWER_TYPE_INVALID.")
        Map<String, Object> answers, Customer customer) {

    @Schema(name = "OfferCustomer", requiredProperties = { "email", "name" })
    public record Customer(String email, @Schema(nullable = true) String name) {
    }
}
