package io.mailoo.offer.rest;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** Body of the public submission route: answers by field id, and who gets the offer. */
public record SubmissionRequest(Map<String, JsonNode> answers, Customer customer) {

    public record Customer(String email, String name) {
    }
}
