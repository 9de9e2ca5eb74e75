package io.mailoo.support.smtpprofile;

import static io.mailoo.support.smtpprofile.SmtpSettingsCheckTest.CIPHER;
import static io.mailoo.support.smtpprofile.SmtpSettingsCheckTest.NO_KEY;
import static io.mailoo.support.smtpprofile.SmtpSettingsCheckTest.REF;
import static io.mailoo.support.smtpprofile.SmtpSettingsCheckTest.input;
import static io.mailoo.support.smtpprofile.SmtpSettingsCheckTest.stored;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.mailoo.contracts.crypto.SecretBinding;
import io.mailoo.contracts.crypto.SecretOpenException;
import io.mailoo.contracts.crypto.SmtpSecretCipher;
import io.mailoo.contracts.events.InlineProfile;
import io.mailoo.contracts.events.MailPurpose;
import io.mailoo.contracts.events.MailSource;
import io.mailoo.contracts.events.SendMailRequested;
import io.mailoo.contracts.json.EventCodec;
import io.mailoo.support.http.ProblemException;

class SmtpTestRequestsTest {

    private static SmtpTestRequests.Test test(SmtpProfile stored, String recipient) {
        return new SmtpTestRequests.Test(REF, "project-1", new MailSource("integration-service", "smtp-test", "1"),
                stored, recipient, "the integration \"Shop\"");
    }

    private static String openForTest(SendMailRequested request) {
        var smtp = request.inlineProfile().smtp();
        return CIPHER.open(smtp.password(), SecretBinding.smtpPassword(
                InlineProfile.associatedData(request.messageId()), smtp.host(), smtp.port(), smtp.security().name(),
                smtp.username()));
    }

    @Test
    void aNewPasswordIsSealedForThisOneTestAndItsServer() {
        SendMailRequested request = SmtpTestRequests.build(test(null, "owner@shop.test"),
                input("smtp.shop.test", 587, "shop", Optional.of("new-pw")), CIPHER, false);
        assertEquals(MailPurpose.SMTP_TEST, request.purpose());
        assertEquals(REF, request.profileRef());
        assertEquals(List.of("owner@shop.test"), request.to());
        assertEquals("smtp.shop.test", request.inlineProfile().smtp().host());
        assertEquals("new-pw", openForTest(request));
        assertFalse(EventCodec.encodeToString(request).contains("new-pw"));
        assertEquals(60, request.expiresAt().getEpochSecond() - request.requestedAt().getEpochSecond());
    }

    @Test
    void theStoredPasswordTravelsResealedOnlyToItsOwnServer() {
        SmtpProfile stored = stored("s3cret");
        SendMailRequested request = SmtpTestRequests.build(test(stored, "owner@shop.test"),
                input("smtp.shop.test", 587, "shop", null), CIPHER, false);
        assertEquals("s3cret", openForTest(request));
        assertFalse(request.inlineProfile().smtp().password().equals(stored.sealedPassword()));
        ProblemException moved = assertThrows(ProblemException.class, () -> SmtpTestRequests.build(
                test(stored, "owner@shop.test"), input("smtp.attacker.test", 587, "shop", null), CIPHER, false));
        assertEquals("SMTP_PASSWORD_REQUIRED", moved.errors().get(0).code());
        assertNull(SmtpTestRequests.build(test(stored, "owner@shop.test"),
                input("smtp.shop.test", 587, "shop", Optional.empty()), CIPHER, false).inlineProfile().smtp()
                .password(), "null: test without a login");
    }

    @Test
    void anUnreadableStoredPasswordOrAMissingKeyOrAddressIsTold() {
        SmtpProfile stored = stored("s3cret");
        SmtpSecretCipher otherKey = SmtpSecretCipher.fromBase64Keys(
                Base64.getEncoder().encodeToString(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
                        16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32 }), null);
        ProblemException unreadable = assertThrows(ProblemException.class, () -> SmtpTestRequests.build(
                test(stored, "owner@shop.test"), input("smtp.shop.test", 587, "shop", null), otherKey, false));
        assertEquals(409, unreadable.status());
        assertEquals("SMTP_PASSWORD_UNREADABLE", unreadable.code());
        ProblemException noKey = assertThrows(ProblemException.class, () -> SmtpTestRequests.build(
                test(stored, "owner@shop.test"), input("smtp.shop.test", 587, "shop", null), NO_KEY, false));
        assertEquals("ENCRYPTION_KEY_MISSING", noKey.code());
        for (String recipient : new String[] { null, "", "not an address" }) {
            ProblemException noEmail = assertThrows(ProblemException.class, () -> SmtpTestRequests.build(
                    test(null, recipient), input("smtp.shop.test", 587, "shop", Optional.of("x")), CIPHER, false));
            assertEquals(422, noEmail.status());
            assertEquals("EMAIL_CLAIM_MISSING", noEmail.code());
        }
        assertThrows(SecretOpenException.class, () -> otherKey.open(stored.sealedPassword(),
                stored.secretBinding(REF)), "the case above is a real unreadable password");
    }
}
