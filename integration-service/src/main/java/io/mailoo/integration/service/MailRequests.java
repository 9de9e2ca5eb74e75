package io.mailoo.integration.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.mailoo.contracts.events.MailPurpose;
import io.mailoo.contracts.events.MailSource;
import io.mailoo.contracts.events.SendMailRequested;
import io.mailoo.integration.entity.Integration;
import io.mailoo.integration.messaging.DomainEvents;

/** Builds the mail requests this service sends through its integrations' own profiles. */
public final class MailRequests {

    public static final String SERVICE = "integration-service";
    public static final String REPLY = "reply";
    public static final String WELCOME = "welcome";
    public static final String CONFIRMATION = "subscription-confirmation";

    private MailRequests() {
    }

    /**
     * A request for the integration's own profile ({@code integration:{id}}), never any other: minProfileVersion is
     * the version saved now, so dispatch waits for these settings rather than using older ones.
     */
    public static SendMailRequested forIntegration(UUID messageId, Integration integration, MailPurpose purpose,
            String entityType, String to, String subject, String text, String html) {
        return forIntegration(messageId, integration, purpose, entityType, to, subject, text, html, Map.of());
    }

    /** As above, with extra headers (List-Unsubscribe of subscriber mail), which dispatch writes as they are. */
    public static SendMailRequested forIntegration(UUID messageId, Integration integration, MailPurpose purpose,
            String entityType, String to, String subject, String text, String html, Map<String, String> headers) {
        return new SendMailRequested(messageId, DomainEvents.profileRef(integration), integration.mailProfileVersion,
                purpose, integration.projectId.toString(), new MailSource(SERVICE, entityType, messageId.toString()),
                List.of(to), null, null, null, subject, text, html, headers, null, Instant.now(), null);
    }
}
