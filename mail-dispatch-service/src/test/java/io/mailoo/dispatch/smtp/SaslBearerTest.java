package io.mailoo.dispatch.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The two bearer mechanisms' client responses, byte for byte (Google's XOAUTH2 page, RFC 7628 §4.1). */
class SaslBearerTest {

    @Test
    void xoauth2() {
        assertEquals("user=someuser@example.com\u0001auth=Bearer ya29.vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg\u0001\u0001",
                SaslBearer.XOAUTH2.initialResponse("someuser@example.com", "smtp.gmail.com", 587,
                        "ya29.vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg"));
        assertEquals("", SaslBearer.XOAUTH2.errorChallengeAnswer());
    }

    @Test
    void oauthbearerEscapesTheAuthorizationIdentity() {
        assertEquals("n,a=user@example.com,\u0001host=server.example.com\u0001port=143\u0001auth=Bearer "
                + "vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg==\u0001\u0001",
                SaslBearer.OAUTHBEARER.initialResponse("user@example.com", "server.example.com", 143,
                        "vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg=="));
        assertEquals("n,a=a=2Cb=3Dc,\u0001host=h\u0001port=1\u0001auth=Bearer t\u0001\u0001",
                SaslBearer.OAUTHBEARER.initialResponse("a,b=c", "h", 1, "t"));
        assertEquals("AQ==", SaslBearer.OAUTHBEARER.errorChallengeAnswer());
    }
}
