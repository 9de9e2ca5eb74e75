package io.mailoo.support.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class PkceAndIdTokenTest {

    @Test
    void theChallengeIsS256AsInRfc7636AppendixB() {
        assertEquals("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                Pkce.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
    }

    @Test
    void randomTokensAre43Base64UrlCharactersAndDifferEachTime() {
        String a = Pkce.randomToken();
        assertTrue(a.matches("[A-Za-z0-9_-]{43}"), a);
        assertNotEquals(a, Pkce.randomToken());
        assertTrue(Pkce.hash(a).matches("[0-9a-f]{64}"));
        assertTrue(!Pkce.hash(a).contains(a));
    }

    @Test
    void theAccountIsEmailElsePreferredUsernameElseUpnElseSub() {
        assertEquals("a@contoso.test", IdTokenAccount.of(jwt("{\"sub\":\"s\",\"email\":\"a@contoso.test\"}")));
        assertEquals("p@contoso.test", IdTokenAccount.of(jwt("{\"sub\":\"s\",\"preferred_username\":\"p@contoso.test\","
                + "\"email\":\"\"}")));
        assertEquals("u@contoso.test", IdTokenAccount.of(jwt("{\"sub\":\"s\",\"upn\":\"u@contoso.test\"}")));
        assertEquals("s-1", IdTokenAccount.of(jwt("{\"sub\":\"s-1\"}")));
        assertNull(IdTokenAccount.of(jwt("{\"email\":\"a\\r\\nRCPT TO:<x@y>\"}")), "no control characters");
        assertNull(IdTokenAccount.of(jwt("[1,2]")));
        assertNull(IdTokenAccount.of("not-a-jwt"));
        assertNull(IdTokenAccount.of("a.!!!.c"));
        assertNull(IdTokenAccount.of(null));
    }

    static String jwt(String claims) {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        return url.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + url.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".c2ln";
    }
}
