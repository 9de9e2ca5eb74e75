package io.mailoo.integration.service;

import io.mailoo.integration.entity.Integration;
import io.mailoo.integration.entity.IntegrationType;
import io.mailoo.support.http.ProblemException;

/** Guards for routes that exist only for some integration types. */
public final class MailTypes {

    private MailTypes() {
    }

    /** outboundMail and its test exist for the types that send mail only. */
    public static Integration requireSendsMail(Integration integration) {
        if (!integration.type.sendsMail()) {
            throw new ProblemException(422, "OUTBOUND_MAIL_NOT_SUPPORTED", integration.type
                    + " integrations send no mail; outboundMail exists for "
                    + IntegrationType.namesOf(IntegrationType::sendsMail) + " only.");
        }
        return integration;
    }
}
