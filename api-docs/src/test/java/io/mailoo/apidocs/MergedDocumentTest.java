package io.mailoo.apidocs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The documents this build wrote (target/openapi): whole, self-contained, and the integrator part exact. */
class MergedDocumentTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SERVICES = List.of("integration-service", "market-service", "offer-generator-service");

    private static JsonNode read(Path file) throws Exception {
        return JSON.readTree(file.toFile());
    }

    private static Path out(String name) {
        return Path.of(System.getProperty("mailoo.api-docs.out", "target/openapi"), name);
    }

    @Test
    void everyOperationOfEveryServiceIsInTheMergedDocumentAndEveryReferenceResolves() throws Exception {
        JsonNode merged = read(out("mailoo.json"));
        int operations = 0;
        for (String service : SERVICES) {
            JsonNode own = read(Path.of("..", service, "target", "openapi", "openapi.json"));
            for (var path : own.path("paths").properties()) {
                for (String method : OpenApiMerger.HTTP_METHODS) {
                    if (path.getValue().has(method)) {
                        operations++;
                        JsonNode there = merged.path("paths").path(path.getKey()).get(method);
                        assertNotNull(there, service + " " + method + " " + path.getKey() + " is missing");
                        assertEquals(path.getValue().get(method).path("operationId"), there.path("operationId"));
                    }
                }
            }
        }
        List<String> counted = new ArrayList<>();
        OpenApiMerger.forEachOperation(merged, (path, method, operation) -> counted.add(method + " " + path));
        assertEquals(operations, counted.size(), "no operation from elsewhere");
        assertAllReferencesResolve(merged);
    }

    @Test
    void theIntegratorPartIsExactlyTheApiKeyOperations() throws Exception {
        JsonNode merged = read(out("mailoo.json"));
        JsonNode integrator = read(out("integrator.json"));
        List<String> expected = new ArrayList<>();
        OpenApiMerger.forEachOperation(merged, (path, method, operation) -> {
            if (IntegratorPart.requires(operation, "apiKey")) {
                expected.add(method + " " + path);
            }
        });
        List<String> actual = new ArrayList<>();
        OpenApiMerger.forEachOperation(integrator, (path, method, operation) -> actual.add(method + " " + path));
        assertFalse(actual.isEmpty());
        assertEquals(expected, actual);
        assertAllReferencesResolve(integrator);
        assertTrue(integrator.path("components").path("securitySchemes").has("apiKey"));
    }

    private static void assertAllReferencesResolve(JsonNode document) {
        for (String ref : ComponentRefs.collect(document)) {
            assertNotNull(ComponentRefs.resolve(document, ref), "unresolved " + ref);
        }
    }
}
