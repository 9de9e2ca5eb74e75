package io.mailoo.dispatch.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.mailoo.contracts.events.MailPurpose;
import io.mailoo.contracts.events.SendMailRequested;
import io.mailoo.dispatch.domain.DispatchOutcome;
import io.mailoo.dispatch.support.Profiles;

/**
 * Which profiles a purpose may use, for the purposes of tenants' subscriber mail: the double opt-in confirmation
 * (SUBSCRIPTION_CONFIRMATION) and the welcome go through a tenant's profile with their List-Unsubscribe headers, and
 * never through the platform's.
 */
class RequestPurposeRulesTest {

    private final RequestValidator validator = new RequestValidator(new TestSettings(false));

    @Test
    void subscriberMailWithItsUnsubscribeHeadersMayUseATenantsProfileOnly() {
        Map<String, String> headers = Map.of("List-Unsubscribe",
                "<https://mailoo.example/api/v1/public/subscriptions/unsubscribe/u.abc.0.1234abcd.sig>",
                "List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        String tenant = "integration:" + UUID.randomUUID();
        for (MailPurpose purpose : new MailPurpose[] { MailPurpose.SUBSCRIPTION_CONFIRMATION, MailPurpose.WELCOME }) {
            assertEquals(Optional.empty(), refusal(tenant, purpose, headers), purpose + " on a tenant's profile");
            assertEquals(Optional.of("PURPOSE_NOT_ALLOWED"), refusal("platform", purpose, headers),
                    purpose + " on the platform profile");
        }
    }

    @Test
    void aLineBreakInAnUnsubscribeHeaderIsHeaderInjection() {
        assertEquals(Optional.of("HEADER_INJECTION"), refusal("integration:" + UUID.randomUUID(),
                MailPurpose.SUBSCRIPTION_CONFIRMATION, Map.of("List-Unsubscribe", "<https://a.test/u>\r\nBcc: x@y.test")));
    }

    private Optional<String> refusal(String ref, MailPurpose purpose, Map<String, String> headers) {
        SendMailRequested r = Profiles.request(ref, 1, purpose, "reader@customer.test", "Subject");
        SendMailRequested withHeaders = new SendMailRequested(r.messageId(), r.profileRef(), r.minProfileVersion(),
                r.purpose(), r.projectUid(), r.source(), r.to(), r.cc(), r.bcc(), r.replyTo(), r.subject(), r.text(),
                r.html(), headers, null, r.requestedAt(), r.expiresAt());
        return validator.refusal(withHeaders, Instant.now()).map(DispatchOutcome::errorCode);
    }
}
