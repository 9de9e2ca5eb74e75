package io.mailoo.integration.service;

import io.mailoo.integration.entity.Integration;
import io.mailoo.integration.entity.OutboundMail;

/** An integration with its outboundMail (null when none is configured). */
public record IntegrationDetails(Integration integration, OutboundMail outboundMail) {
}
