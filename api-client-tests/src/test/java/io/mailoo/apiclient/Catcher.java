package io.mailoo.apiclient;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The dev SMTP catcher's own HTTP API (GreenMail): the mail that really left through SMTP. Not a Mailoo route. */
final class Catcher {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final String api;

    Catcher(String api) {
        this.api = api;
    }

    /** Waits until a mail for {@code address} whose subject contains {@code subjectPart} was caught; returns it. */
    JsonNode awaitMail(String address, String subjectPart) {
        List<JsonNode> found = new ArrayList<>();
        await("mail for " + address + " with \"" + subjectPart + "\"").atMost(WAIT).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    for (JsonNode mail : messages(address)) {
                        if (mail.path("subject").asText().contains(subjectPart)) {
                            found.add(mail);
                            return true;
                        }
                    }
                    return false;
                });
        return found.get(0);
    }

    private JsonNode messages(String address) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(
                api + "/api/user/" + URLEncoder.encode(address, StandardCharsets.UTF_8) + "/messages/"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? json.readTree(response.body()) : json.createArrayNode();
    }
}
