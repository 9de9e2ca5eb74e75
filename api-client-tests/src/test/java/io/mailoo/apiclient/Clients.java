package io.mailoo.apiclient;

import java.time.Duration;

import io.mailoo.client.integrator.ApiClient;

/**
 * Generated ApiClients pointed at the gateway, one per caller: the Authorization header is the only thing added (the
 * generated client has no bearer helper in the native library; an interceptor is how its README says to add one).
 */
final class Clients {

    private Clients() {
    }

    /** The merged document's client (every route) for a JWT, or anonymous when {@code token} is null. */
    static io.mailoo.client.mailoo.ApiClient mailoo(String gatewayUrl, String token) {
        var client = new io.mailoo.client.mailoo.ApiClient();
        client.updateBaseUri(gatewayUrl);
        client.setReadTimeout(Duration.ofSeconds(40));
        if (token != null) {
            client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        }
        return client;
    }

    /** The integrator part's client (the API-key routes) for an API key. */
    static ApiClient integrator(String gatewayUrl, String apiKey) {
        var client = new ApiClient();
        client.updateBaseUri(gatewayUrl);
        client.setReadTimeout(Duration.ofSeconds(40));
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + apiKey));
        return client;
    }
}
