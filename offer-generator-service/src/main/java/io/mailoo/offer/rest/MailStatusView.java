package io.mailoo.offer.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record MailStatusView(String status, String errorCode) {
}
