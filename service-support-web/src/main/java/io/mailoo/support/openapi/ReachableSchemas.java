package io.mailoo.support.openapi;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * The component schemas a document's operations use, directly or through other schemas. The scanner also adds every
 * {@code @Schema}-named record of the shared modules (e.g. the SMTP settings in market-service's document); those
 * nobody uses are left out, so a generated client has no model for nothing.
 */
final class ReachableSchemas {

    private static final String PREFIX = "#/components/schemas/";

    private ReachableSchemas() {
    }

    static Set<String> of(OpenAPI api, Iterable<Operation> operations) {
        Deque<Schema> pending = new ArrayDeque<>();
        for (Operation operation : operations) {
            if (operation.getRequestBody() != null) {
                add(operation.getRequestBody().getContent(), pending);
            }
            if (operation.getParameters() != null) {
                operation.getParameters().forEach(p -> push(p.getSchema(), pending));
            }
            if (operation.getResponses() != null) {
                operation.getResponses().getAPIResponses().values().forEach(r -> add(r.getContent(), pending));
            }
        }
        Map<String, Schema> components = api.getComponents().getSchemas();
        Set<String> reached = new HashSet<>();
        while (!pending.isEmpty()) {
            Schema schema = pending.pop();
            if (schema.getRef() != null && schema.getRef().startsWith(PREFIX)) {
                String name = schema.getRef().substring(PREFIX.length());
                if (reached.add(name) && components != null && components.get(name) != null) {
                    pending.push(components.get(name));
                }
            }
            if (schema.getProperties() != null) {
                schema.getProperties().values().forEach(s -> push(s, pending));
            }
            push(schema.getItems(), pending);
            push(schema.getAdditionalPropertiesSchema(), pending);
            push(schema.getNot(), pending);
            pushAll(schema.getAllOf(), pending);
            pushAll(schema.getAnyOf(), pending);
            pushAll(schema.getOneOf(), pending);
        }
        return reached;
    }

    private static void add(Content content, Deque<Schema> pending) {
        if (content != null && content.getMediaTypes() != null) {
            content.getMediaTypes().values().forEach(m -> push(m.getSchema(), pending));
        }
    }

    private static void pushAll(List<Schema> schemas, Deque<Schema> pending) {
        if (schemas != null) {
            schemas.forEach(s -> push(s, pending));
        }
    }

    private static void push(Schema schema, Deque<Schema> pending) {
        if (schema != null) {
            pending.push(schema);
        }
    }
}
