package io.mailoo.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.mailoo.contracts.events.ProfileRef;
import io.mailoo.contracts.validation.HeaderValueValidator;
import io.mailoo.contracts.validation.MailAddressValidator;

class MailInputValidationTest {

    @ParameterizedTest
    @ValueSource(strings = {"a@example.com", "first.last+tag@sub.example.org", "o'brien@example.ie", "x@localhost"})
    void acceptsPlainAddresses(String address) {
        assertTrue(MailAddressValidator.isValid(address), address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "@example.com", "a@", "a@b", "a b@example.com", "a@exa mple.com",
            "a@example.com\r\nBcc: victim@example.com", "a@example.com\n", "\"Name\" <a@example.com>",
            "a..b@example.com", "a@-example.com", "a@example..com"})
    void refusesInvalidOrInjectingAddresses(String address) {
        assertFalse(MailAddressValidator.isValid(address), address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"x@localhost", "x@127.0.0.1", "x@10.0.0.7", "x@[127.0.0.1]", "x@[::1]", "x@intranet",
            "x@", "x@example.com\r\nBcc: y@example.com"})
    void publicRecipientsNeedADottedDnsDomain(String address) {
        assertFalse(MailAddressValidator.isPublicRecipient(address), address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a@example.com", "b@mail.example.co.uk", "c@xn--bcher-kva.example", "d@1example.com"})
    void publicRecipientsWithARealDomainPass(String address) {
        assertTrue(MailAddressValidator.isPublicRecipient(address), address);
    }

    @Test
    void refusesOverlongAddresses() {
        assertFalse(MailAddressValidator.isValid("a".repeat(65) + "@example.com"));
        assertFalse(MailAddressValidator.isValid("a@" + "b".repeat(250) + ".com"));
    }

    @Test
    void headerValuesWithLineBreaksAreUnsafe() {
        assertTrue(HeaderValueValidator.hasLineBreak("Hi\r\nBcc: x@example.com"));
        assertTrue(HeaderValueValidator.hasLineBreak("Hi\nthere"));
        assertFalse(HeaderValueValidator.isSafeValue("Hi\u0000"));
        assertTrue(HeaderValueValidator.isSafeValue("Grüße\tund mehr"));
        assertTrue(HeaderValueValidator.isSafeValue(null));
        assertTrue(HeaderValueValidator.isValidName("X-Campaign"));
        assertFalse(HeaderValueValidator.isValidName("X Campaign"));
        assertFalse(HeaderValueValidator.isValidName("X:Campaign"));
    }

    @Test
    void profileRefsParseAndPrint() {
        assertEquals("integration:abc-1", ProfileRef.parse("integration:abc-1").toString());
        assertEquals(ProfileRef.Kind.OFFER_GENERATOR, ProfileRef.parse("offer-generator:g1").kind());
        assertTrue(ProfileRef.parse("platform").isPlatform());
        for (String bad : new String[] {"", "integration:", "shop:1", "platform:1", "integration:a b", "integration:a\nb"}) {
            assertThrows(IllegalArgumentException.class, () -> ProfileRef.parse(bad), bad);
        }
    }
}
