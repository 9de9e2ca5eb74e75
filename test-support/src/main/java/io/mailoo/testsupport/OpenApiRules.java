package io.mailoo.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mailoo.contracts.errors.ErrorCode;

/**
 * The rules every Mailoo OpenAPI document keeps so that a client generated from it works unmodified
 * (docs/service-conventions.md, *API documents*), checked on a service's {@code /q/openapi?format=json}: no Jackson
 * tree type as a schema, an operationId and a described success on every operation, every error as the one Problem
 * schema with codes from the catalogue at their status, one name per security scheme, path parameters in path order,
 * Retry-After on 429 and 503.
 */
public final class OpenApiRules {

    /** The schemes a route may name: ApiDocumentFilter's ApiSecurity.JWT and API_KEY. */
    public static final Set<String> SCHEMES = Set.of("jwt", "apiKey");

    private static final Pattern OPERATION_ID = Pattern.compile("[a-z][A-Za-z]{2,39}");
    private static final Pattern CODE = Pattern.compile("\\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\\b");
    /** Upper-case words in error descriptions that are no error code. */
    private static final Set<String> NOT_CODES = Set.of("MAIL_SMTP_ENCRYPTION_KEY", "CONTACT_FORM", "SSL_TLS",
            "NOT_CONFIGURED");
    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    private final JsonNode root;

    private OpenApiRules(JsonNode root) {
        this.root = root;
    }

    public static OpenApiRules of(String json) {
        try {
            return new OpenApiRules(new ObjectMapper().readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode root() {
        return root;
    }

    /** The operation at {@code method path} (method in lower case, path as the document writes it). */
    public JsonNode operation(String method, String path) {
        JsonNode operation = root.path("paths").path(path).path(method);
        if (operation.isMissingNode()) {
            throw new AssertionError("no operation " + method + " " + path);
        }
        return operation;
    }

    /** The scheme names the operation requires (empty: a public route). */
    public Set<String> schemes(String method, String path) {
        Set<String> names = new HashSet<>();
        operation(method, path).path("security").forEach(requirement -> requirement.fieldNames()
                .forEachRemaining(names::add));
        return names;
    }

    /**
     * Operations whose required schemes differ from what {@code expected} says for their path, as "method path:
     * actual"; empty when every route needs exactly what it should.
     */
    public List<String> schemesOtherThan(java.util.function.Function<String, Set<String>> expected) {
        List<String> differing = new ArrayList<>();
        for (String operation : operations()) {
            String[] at = operation.split(" ");
            Set<String> actual = schemes(at[0], at[1]);
            if (!actual.equals(expected.apply(at[1]))) {
                differing.add(operation + ": " + actual);
            }
        }
        return differing;
    }

    /** Every operation as "method path". */
    public List<String> operations() {
        List<String> all = new ArrayList<>();
        root.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(
                method -> all.add(method + " " + path.getKey())));
        return all;
    }

    /** Everything that breaks a rule, one sentence each; empty when the document keeps them all. */
    public List<String> violations() {
        List<String> found = new ArrayList<>();
        String text = root.toString();
        if (text.contains("JsonNode") || text.contains("ObjectNode")) {
            found.add("a Jackson tree type (JsonNode/ObjectNode) is named in the document");
        }
        JsonNode problem = root.path("components").path("schemas").path("Problem");
        for (String field : List.of("type", "title", "status", "code", "detail", "errors")) {
            if (problem.path("properties").path(field).isMissingNode()) {
                found.add("the Problem schema has no " + field);
            }
        }
        root.path("components").path("securitySchemes").fieldNames().forEachRemaining(name -> {
            if (!SCHEMES.contains(name)) {
                found.add("security scheme " + name + " is none of " + SCHEMES);
            }
        });
        Set<String> ids = new HashSet<>();
        root.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(
                method -> checkOperation(path.getKey(), method.getKey(), method.getValue(), ids, found)));
        return found;
    }

    private static void checkOperation(String path, String method, JsonNode operation, Set<String> ids,
            List<String> found) {
        String where = method + " " + path + ": ";
        String id = operation.path("operationId").asText("");
        if (!OPERATION_ID.matcher(id).matches()) {
            found.add(where + "operationId '" + id + "' is not a short camelCase name");
        } else if (!ids.add(id)) {
            found.add(where + "operationId " + id + " is used twice");
        }
        operation.path("security").forEach(requirement -> requirement.fieldNames().forEachRemaining(name -> {
            if (!SCHEMES.contains(name)) {
                found.add(where + "requires unknown scheme " + name);
            }
        }));
        int last = -1;
        for (JsonNode parameter : operation.path("parameters")) {
            if (parameter.path("in").asText().equals("path")) {
                int at = path.indexOf("{" + parameter.path("name").asText() + "}");
                if (at < last) {
                    found.add(where + "path parameter " + parameter.path("name").asText() + " is out of path order");
                }
                last = at;
            }
        }
        boolean success = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = operation.path("responses").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> response = it.next();
            String status = response.getKey();
            JsonNode content = response.getValue().path("content");
            if (status.startsWith("2")) {
                success = true;
                if (!status.equals("204") && (content.size() != 1
                        || content.path("application/json").path("schema").isMissingNode())) {
                    found.add(where + status + " has no application/json schema (only)");
                }
                if (status.equals("204") && !content.isMissingNode() && content.size() > 0) {
                    found.add(where + "204 has content");
                }
            } else if (status.startsWith("4") || status.startsWith("5")) {
                if (content.size() != 1 || !PROBLEM_REF.equals(
                        content.path("application/problem+json").path("schema").path("$ref").asText())) {
                    found.add(where + status + " is not application/problem+json of the Problem schema");
                }
                if ((status.equals("429") || status.equals("503"))
                        && response.getValue().path("headers").path("Retry-After").isMissingNode()) {
                    found.add(where + status + " has no Retry-After header");
                }
                checkCodes(where, Integer.parseInt(status), response.getValue().path("description").asText(), found);
            }
        }
        if (!success) {
            found.add(where + "no 2xx answer");
        }
    }

    /** Codes named in an error's description are catalogued, at that status (or relayed mail result codes). */
    private static void checkCodes(String where, int status, String description, List<String> found) {
        Matcher code = CODE.matcher(description);
        while (code.find()) {
            String name = code.group();
            if (NOT_CODES.contains(name)) {
                continue;
            }
            ErrorCode.find(name).ifPresentOrElse(catalogued -> {
                if (catalogued.status() != status && catalogued.status() != 0) {
                    found.add(where + status + " names " + name + ", which ErrorCode answers with "
                            + catalogued.status());
                }
            }, () -> found.add(where + status + " names " + name + ", which is not in ErrorCode"));
        }
    }
}
