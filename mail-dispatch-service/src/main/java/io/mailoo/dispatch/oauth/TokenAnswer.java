package io.mailoo.dispatch.oauth;

import java.time.Duration;

/**
 * A token endpoint's successful answer, checked: an access token safe to put in a SASL response, its lifetime, and
 * the rotated refresh token if the provider sent one (null = keep the current one).
 */
public record TokenAnswer(String accessToken, Duration expiresIn, String refreshToken) {

    @Override
    public String toString() {
        return "TokenAnswer[expiresIn=" + expiresIn + ", rotated=" + (refreshToken != null) + "]";
    }
}
