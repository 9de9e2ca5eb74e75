package io.mailoo.support.openapi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;

import io.mailoo.support.http.Problem;
import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * The rules every Mailoo OpenAPI document follows, applied to what the routes' annotations say (docs/
 * service-conventions.md, *API documents*): one Problem schema for every error answer, the two security schemes by
 * their one name each, the answers every route of a kind gives (401 where a credential is needed, 400/413/415 where a
 * body is read) when the route did not describe them itself, Retry-After on 429 and 503, path parameters in path
 * order and the gateway as the server. Runs at build time (the stored target/openapi document) and again at startup,
 * where {@code PUBLIC_BASE_URL} names the server.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BOTH)
public class ApiDocumentFilter implements OASFilter {

    static final String PUBLIC_BASE_URL = "mailoo.public-base-url";
    static final String DEFAULT_BASE_URL = "http://127.0.0.1:8080";

    private static final String JSON = "application/json";
    private static final String UNAVAILABLE = "DATABASE_UNAVAILABLE: the service's database is out of "
            + "connections or restarting; nothing was stored. SERVICE_BUSY: the service holds as many requests as it "
            + "takes at once; nothing was done. Retry either after Retry-After.";

    @Override
    public void filterOpenAPI(OpenAPI api) {
        Components components = api.getComponents() == null ? OASFactory.createComponents() : api.getComponents();
        api.setComponents(components);
        components.addSchema(ProblemSchema.PROBLEM, ProblemSchema.problem());
        components.addSchema(ProblemSchema.FIELD_ERROR, ProblemSchema.fieldError());
        api.setServers(new ArrayList<>(List.of(OASFactory.createServer().url(publicBaseUrl())
                .description("The Mailoo gateway (PUBLIC_BASE_URL)"))));
        Set<String> schemes = new HashSet<>();
        Set<String> headers = new HashSet<>();
        List<Operation> all = new ArrayList<>();
        if (api.getPaths() != null && api.getPaths().getPathItems() != null) {
            api.getPaths().getPathItems().forEach((path, item) -> operations(item).forEach(operation -> {
                orderPathParameters(path, operation);
                addCommonAnswers(operation);
                describeErrors(operation);
                schemes.addAll(schemesOf(operation));
                headers.addAll(headersOf(operation));
                all.add(operation);
            }));
        }
        Set<String> reachable = ReachableSchemas.of(api, all);
        if (components.getSchemas() != null) {
            Map<String, Schema> used = new TreeMap<>(components.getSchemas());
            used.keySet().retainAll(reachable);
            components.setSchemas(used);
        }
        Map<String, org.eclipse.microprofile.openapi.models.security.SecurityScheme> used = new TreeMap<>();
        if (schemes.contains(ApiSecurity.JWT)) {
            used.put(ApiSecurity.JWT, ApiSecurity.jwt());
        }
        if (schemes.contains(ApiSecurity.API_KEY)) {
            used.put(ApiSecurity.API_KEY, ApiSecurity.apiKey());
        }
        components.setSecuritySchemes(used.isEmpty() ? null : used);
        Map<String, Header> componentHeaders = new TreeMap<>();
        if (headers.contains(ApiHeaders.LOCATION)) {
            componentHeaders.put(ApiHeaders.LOCATION, ApiHeaders.location());
        }
        if (headers.contains(ApiHeaders.RETRY_AFTER)) {
            componentHeaders.put(ApiHeaders.RETRY_AFTER, ApiHeaders.retryAfter());
        }
        if (headers.contains(ApiHeaders.IDEMPOTENT_REPLAYED)) {
            componentHeaders.put(ApiHeaders.IDEMPOTENT_REPLAYED, ApiHeaders.idempotentReplayed());
        }
        components.setHeaders(componentHeaders.isEmpty() ? null : componentHeaders);
    }

    /**
     * A schema that is a reference, or a choice with null (a nullable reference), carries no type of its own: the
     * scanner writes {@code type: object} beside {@code @Schema(implementation = AnEnum.class)} and beside
     * {@code anyOf: [ref, null]}, which would contradict the enum and forbid the null.
     */
    @Override
    public Schema filterSchema(Schema schema) {
        if (schema.getRef() != null || schema.getAnyOf() != null) {
            schema.setType(null);
        }
        return schema;
    }

    static String publicBaseUrl() {
        return ConfigProvider.getConfig().getOptionalValue(PUBLIC_BASE_URL, String.class).orElse(DEFAULT_BASE_URL);
    }

    private static List<Operation> operations(PathItem item) {
        List<Operation> operations = new ArrayList<>();
        for (Operation operation : new Operation[] { item.getGET(), item.getPUT(), item.getPOST(), item.getDELETE(),
                item.getPATCH() }) {
            if (operation != null) {
                operations.add(operation);
            }
        }
        return operations;
    }

    /** Generated clients take path parameters in the order the document lists them: the path's order. */
    private static void orderPathParameters(String path, Operation operation) {
        if (operation.getParameters() == null) {
            return;
        }
        List<Parameter> parameters = new ArrayList<>(operation.getParameters());
        parameters.sort(Comparator.comparingInt(p -> p.getIn() == Parameter.In.PATH
                ? path.indexOf("{" + p.getName() + "}") : Integer.MAX_VALUE));
        operation.setParameters(parameters);
    }

    /** What every route of a kind answers, unless the route described it itself (with its own codes). */
    private static void addCommonAnswers(Operation operation) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        if (!schemesOf(operation).isEmpty()) {
            addIfAbsent(responses, "401", "UNAUTHORIZED: no bearer token, or one that is expired, badly signed or "
                    + "for another audience.");
        }
        if (operation.getRequestBody() != null) {
            addIfAbsent(responses, "400", "JSON_MALFORMED: the body is not JSON, or a value has the wrong JSON type "
                    + "for its field.");
            addIfAbsent(responses, "413", "REQUEST_TOO_LARGE: the body is larger than the service accepts.");
            addIfAbsent(responses, "415", "UNSUPPORTED_MEDIA_TYPE: the body is not sent as application/json.");
        }
        // any route may meet a database that is out of connections or restarting (ProblemMappers), or a full
        // service (InFlightLimitFilter)
        APIResponse unavailable = responses.getAPIResponse("503");
        if (unavailable == null) {
            addIfAbsent(responses, "503", UNAVAILABLE);
        } else if (unavailable.getRef() == null && (unavailable.getDescription() == null
                || !unavailable.getDescription().contains("DATABASE_UNAVAILABLE"))) {
            unavailable.setDescription((unavailable.getDescription() == null ? "" : unavailable.getDescription() + " ")
                    + UNAVAILABLE);
        }
        Map<String, APIResponse> sorted = new LinkedHashMap<>();
        responses.getAPIResponses().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        responses.setAPIResponses(sorted);
    }

    private static void addIfAbsent(APIResponses responses, String status, String description) {
        if (responses.getAPIResponse(status) == null) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description));
        }
    }

    /** Every error answer is problem+json of the one schema; a 429 or 503 says when to come back. */
    private static void describeErrors(Operation operation) {
        operation.getResponses().getAPIResponses().forEach((status, response) -> {
            if (response.getRef() != null || status.startsWith("1") || status.startsWith("2")
                    || status.startsWith("3")) {
                return;
            }
            response.setContent(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                    OASFactory.createMediaType().schema(ProblemSchema.reference())));
            if (status.equals("429") || status.equals("503")) {
                response.addHeader(ApiHeaders.RETRY_AFTER, OASFactory.createHeader().ref(ApiHeaders.RETRY_AFTER));
            }
        });
        operation.getResponses().getAPIResponses().forEach((status, response) -> {
            if (status.startsWith("2") && response.getContent() != null
                    && response.getContent().hasMediaType(JSON)) {
                // a success body is JSON only, so a generated client's Accept lists application/json
                List.copyOf(response.getContent().getMediaTypes().keySet()).stream().filter(type -> !type.equals(JSON))
                        .forEach(response.getContent()::removeMediaType);
            }
        });
    }

    private static Set<String> schemesOf(Operation operation) {
        Set<String> names = new HashSet<>();
        if (operation.getSecurity() != null) {
            for (SecurityRequirement requirement : operation.getSecurity()) {
                if (requirement.getSchemes() != null) {
                    names.addAll(requirement.getSchemes().keySet());
                }
            }
        }
        return names;
    }

    private static Set<String> headersOf(Operation operation) {
        Set<String> names = new HashSet<>();
        operation.getResponses().getAPIResponses().values().forEach(response -> {
            if (response.getHeaders() != null) {
                response.getHeaders().values().forEach(header -> {
                    if (header.getRef() != null) {
                        names.add(header.getRef().substring(header.getRef().lastIndexOf('/') + 1));
                    }
                });
            }
        });
        return names;
    }
}
