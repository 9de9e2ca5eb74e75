package io.mailoo.dispatch.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.mailoo.contracts.events.OAuth2Provider;
import io.mailoo.dispatch.oauth.OAuthGrantException.Reason;
import io.vertx.core.buffer.Buffer;

/** A token endpoint's answer is hostile until checked: what is taken, what is refused, and what it becomes. */
class OAuthTokenEndpointTest {

    private static TokenAnswer read(int status, String body) {
        return OAuthTokenEndpoint.read(OAuth2Provider.GENERIC, status, Buffer.buffer(body));
    }

    @Test
    void aBearerTokenWithLifetimeAndRotation() {
        TokenAnswer answer = read(200, "{\"access_token\":\"eyJ.a-b_c~d+e/f==\",\"token_type\":\"bearer\","
                + "\"expires_in\":\"3599\",\"refresh_token\":\"1//0g-rotated\"}");
        assertEquals("eyJ.a-b_c~d+e/f==", answer.accessToken());
        assertEquals(Duration.ofSeconds(3599), answer.expiresIn());
        assertEquals("1//0g-rotated", answer.refreshToken());
        assertFalse(answer.toString().contains("eyJ"), "never printed");
    }

    @Test
    void noLifetimeIsAnHourAndAnAbsurdOneIsCutToADay() {
        assertEquals(Duration.ofHours(1), read(200, "{\"access_token\":\"t\"}").expiresIn());
        assertEquals(Duration.ofDays(1), read(200, "{\"access_token\":\"t\",\"expires_in\":99999999}").expiresIn());
        assertNull(read(200, "{\"access_token\":\"t\"}").refreshToken());
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"access_token\":\"a\\r\\nMAIL FROM:<x@evil>\"}", "{\"access_token\":\"a\\u0001b\"}",
            "{\"access_token\":\"a b\"}", "{\"access_token\":42}", "{}", "[1]", "not json",
            "{\"access_token\":\"t\",\"token_type\":\"mac\"}",
            "{\"access_token\":\"t\",\"refresh_token\":\"r\\r\\nx\"}", "{\"access_token\":\"t\",\"refresh_token\":7}" })
    void anythingButAPlainBearerTokenIsUnavailable(String body) {
        OAuthGrantException e = assertThrows(OAuthGrantException.class, () -> read(200, body));
        assertEquals(Reason.TOKEN_UNAVAILABLE, e.reason());
        assertFalse(e.getMessage().contains("MAIL FROM") || e.getMessage().contains("evil"), e.getMessage());
    }

    @Test
    void aTooLongTokenIsUnavailable() {
        String big = "a".repeat(16 * 1024 + 1);
        assertEquals(Reason.TOKEN_UNAVAILABLE, assertThrows(OAuthGrantException.class,
                () -> read(200, "{\"access_token\":\"" + big + "\"}")).reason());
    }

    @Test
    void invalidGrantIsReconnectRequiredOtherErrorsAreUnavailable() {
        assertEquals(Reason.RECONNECT_REQUIRED, assertThrows(OAuthGrantException.class,
                () -> read(400, "{\"error\":\"invalid_grant\",\"error_description\":\"AADSTS70008 expired\"}"))
                .reason());
        assertEquals(Reason.TOKEN_UNAVAILABLE, assertThrows(OAuthGrantException.class,
                () -> read(401, "{\"error\":\"invalid_client\"}")).reason());
        assertEquals(Reason.TOKEN_UNAVAILABLE, assertThrows(OAuthGrantException.class,
                () -> read(500, "{\"error\":\"invalid_grant\"}")).reason(), "only a 400/401 says the grant is gone");
        OAuthGrantException odd = assertThrows(OAuthGrantException.class,
                () -> read(400, "{\"error\":\"<script>secret-ish\"}"));
        assertFalse(odd.getMessage().contains("script"), "the provider's text is not repeated");
    }
}
