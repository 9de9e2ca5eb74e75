package io.mailoo.bench.orders;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Creates, through the gateway and like an owner would, what a benchmark run needs: a project, a MARKET
 * integration whose outboundMail points at the given SMTP server (no login), a product and an API key; then places
 * one order until it is QUEUED (the profile reached market-service) and waits until that order is SENT (the whole
 * path works). Writes {@code integration=} and {@code key=} to the output file (mode 600, bench.sh deletes it).
 */
final class ShopSetup {

    static final String SKU = "BENCH-1";
    private static final Duration WAIT = Duration.ofSeconds(90);

    private final Options o;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ShopSetup(Options o) {
        this.o = o;
    }

    int run() throws Exception {
        String token = o.require(o.token, "token");
        String run = UUID.randomUUID().toString().substring(0, 8);
        String owner = "Bearer " + token;

        JsonNode project = expect(201, "POST", "/api/v1/projects", Map.of("name", "order bench " + run), owner);
        String p = project.path("projectUid").asText();
        JsonNode integration = expect(201, "POST", "/api/v1/projects/" + p + "/integrations",
                Map.of("type", "MARKET", "name", "Bench shop " + run), owner);
        String id = integration.path("id").asText();
        Map<String, Object> smtp = new HashMap<>();
        smtp.put("host", o.smtpHost);
        smtp.put("port", o.smtpPort);
        smtp.put("security", "NONE");
        smtp.put("username", null);
        smtp.put("fromAddress", "shop@bench-" + run + ".test");
        smtp.put("fromName", "Bench shop");
        smtp.put("replyTo", null);
        expect(200, "PATCH", "/api/v1/projects/" + p + "/integrations/" + id + "/config",
                Map.of("outboundMail", smtp), owner);
        String market = "/api/v1/projects/" + p + "/integrations/" + id + "/market/";
        // 404 (or 503 *_NOT_YET_VISIBLE for a fresh id) until market-service has projected the project and the integration
        expectEventually(201, "POST", market + "products",
                Map.of("sku", SKU, "name", "Bench mug", "priceMinor", 1250, "currency", "EUR"), owner);
        String key = expect(201, "POST", market + "api-keys", Map.of("name", "bench " + run), owner).path("key")
                .asText();
        System.out.println("  shop: project " + p + ", MARKET integration " + id + ", SMTP " + o.smtpHost + ":"
                + o.smtpPort + ", product " + SKU + ", API key " + key.substring(0, 11) + "_…");

        String orderId = firstQueuedOrder(id, key, run);
        long t0 = System.nanoTime();
        String status = "";
        while (!"SENT".equals(status) && System.nanoTime() - t0 < WAIT.toNanos()) {
            Thread.sleep(200);
            status = send("GET", "/api/v1/market/" + id + "/orders/" + orderId, null, "Bearer " + key).body
                    .path("emailToCustomer").path("status").asText();
            if ("FAILED".equals(status) || "NOT_CONFIGURED".equals(status)) {
                throw new IllegalStateException("the warm-up order's confirmation is " + status);
            }
        }
        if (!"SENT".equals(status)) {
            throw new IllegalStateException("the warm-up order was not SENT within " + WAIT.toSeconds() + " s");
        }
        System.out.println("  warm-up order " + orderId + " SENT");
        Path out = Path.of(o.require(o.out, "out"));
        Files.writeString(out, "integration=" + id + "\nkey=" + key + "\nproject=" + p + "\n");
        return 0;
    }

    /** NOT_CONFIGURED until the mail profile has reached market-service: retry with a new order. */
    private String firstQueuedOrder(String integrationId, String key, String run) throws Exception {
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < WAIT.toNanos()) {
            Map<String, Object> order = Map.of("buyer", Map.of("email", "warmup@bench-" + run + ".test", "name", "W"),
                    "items", List.of(Map.of("sku", SKU, "quantity", 1)));
            Reply r = send("POST", "/api/v1/market/" + integrationId + "/orders", order, "Bearer " + key);
            if (r.status == 201 && "QUEUED".equals(r.body.path("emailToCustomer").path("status").asText())) {
                return r.body.path("orderId").asText();
            }
            if (r.status != 201 && r.status != 404 && r.status != 503) {
                throw new IllegalStateException("warm-up order: HTTP " + r.status + " " + r.body);
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("no QUEUED order within " + WAIT.toSeconds() + " s (profile not projected?)");
    }

    private JsonNode expectEventually(int want, String method, String path, Object body, String auth)
            throws Exception {
        long t0 = System.nanoTime();
        Reply r;
        do {
            r = send(method, path, body, auth);
            if (r.status == want) {
                return r.body;
            }
            Thread.sleep(300);
        } while ((r.status == 404 || r.status == 409 || r.status == 503) && System.nanoTime() - t0 < WAIT.toNanos());
        throw new IllegalStateException(method + " " + path + ": HTTP " + r.status + " " + r.body);
    }

    private JsonNode expect(int want, String method, String path, Object body, String auth) throws Exception {
        Reply r = send(method, path, body, auth);
        if (r.status != want) {
            throw new IllegalStateException(method + " " + path + ": HTTP " + r.status + " " + r.body);
        }
        return r.body;
    }

    private record Reply(int status, JsonNode body) {
    }

    private Reply send(String method, String path, Object body, String auth) throws IOException,
            InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(o.base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", auth).header("Accept", "application/json");
        if (body != null) {
            b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<byte[]> response = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        byte[] bytes = response.body();
        JsonNode json = bytes == null || bytes.length == 0 ? Json.MAPPER.nullNode() : Json.parse(bytes);
        return new Reply(response.statusCode(), json);
    }
}
