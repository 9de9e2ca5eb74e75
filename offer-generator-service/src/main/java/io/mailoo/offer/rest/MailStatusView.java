package io.mailoo.offer.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.mailoo.contracts.events.MailState;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(requiredProperties = "status")
public record MailStatusView(@Schema(implementation = MailState.class) String status,
        @Schema(description = "Why the mail failed; absent otherwise.") String errorCode) {
}
