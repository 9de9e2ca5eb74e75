package io.mailoo.support.oauth;

import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mailoo.contracts.validation.HeaderValueValidator;

/**
 * The mailbox an ID token names: {@code email}, else {@code preferred_username}, else {@code upn}, else {@code sub}.
 * The token comes straight from the provider's token endpoint over TLS in answer to our authenticated request, so its
 * signature is not checked here (OpenID Connect Core 1.0 §3.1.3.7: TLS server validation may be used instead).
 */
public final class IdTokenAccount {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final int MAX_ACCOUNT = 254;

    private IdTokenAccount() {
    }

    /** @return the account, or null when the token is not a JWT or names no usable account */
    public static String of(String idToken) {
        if (idToken == null) {
            return null;
        }
        String[] parts = idToken.split("\\.", -1);
        if (parts.length != 3) {
            return null;
        }
        JsonNode claims;
        try {
            claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (Exception e) {
            return null;
        }
        if (claims == null || !claims.isObject()) {
            return null;
        }
        for (String claim : new String[] { "email", "preferred_username", "upn", "sub" }) {
            JsonNode value = claims.get(claim);
            if (value != null && value.isTextual() && usable(value.textValue().strip())) {
                return value.textValue().strip();
            }
        }
        return null;
    }

    /** An SMTP username: 1-254 characters without control characters. */
    private static boolean usable(String account) {
        return !account.isEmpty() && account.length() <= MAX_ACCOUNT
                && !HeaderValueValidator.hasControlCharacter(account);
    }
}
