package io.mailoo.apidocs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The integrator's part of the merged document: the operations an API key may call (their {@code security} names the
 * integrator scheme) and only the components they reach, so an integrator generates a client of exactly that API.
 */
public final class IntegratorPart {

    private IntegratorPart() {
    }

    public static ObjectNode of(ObjectNode merged, String scheme, ObjectNode info) {
        ObjectNode part = merged.deepCopy();
        part.set("info", info);
        ObjectNode paths = part.putObject("paths");
        Set<String> usedTags = new HashSet<>();
        OpenApiMerger.forEachOperation(merged, (path, method, operation) -> {
            if (requires(operation, scheme)) {
                ObjectNode item = paths.has(path) ? (ObjectNode) paths.get(path) : paths.putObject(path);
                item.set(method, operation.deepCopy());
                operation.path("tags").forEach(tag -> usedTags.add(tag.asText()));
            }
        });
        if (paths.isEmpty()) {
            throw new MergeException("no operation requires the security scheme '" + scheme + "'");
        }
        // path-level parameters of the kept paths
        for (var item : paths.properties()) {
            JsonNode parameters = merged.path("paths").path(item.getKey()).get("parameters");
            if (parameters != null) {
                ((ObjectNode) item.getValue()).set("parameters", parameters.deepCopy());
            }
        }
        pruneComponents(part, scheme);
        if (part.get("tags") instanceof ArrayNode tags) {
            ArrayNode kept = JsonNodeFactory.instance.arrayNode();
            tags.forEach(tag -> {
                if (usedTags.contains(tag.path("name").asText())) {
                    kept.add(tag);
                }
            });
            part.set("tags", kept);
        }
        return part;
    }

    static boolean requires(JsonNode operation, String scheme) {
        for (JsonNode requirement : operation.path("security")) {
            if (requirement.has(scheme)) {
                return true;
            }
        }
        return false;
    }

    /** Keeps the components reachable from the paths (transitively) and the security schemes they name. */
    private static void pruneComponents(ObjectNode part, String scheme) {
        ObjectNode components = (ObjectNode) part.get("components");
        if (components == null || !components.path("securitySchemes").has(scheme)) {
            throw new MergeException("security scheme '" + scheme + "' is not defined in components");
        }
        Set<String> reached = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(ComponentRefs.collect(part.get("paths")));
        while (!todo.isEmpty()) {
            String ref = todo.pop();
            if (reached.add(ref)) {
                JsonNode target = ComponentRefs.resolve(part, ref);
                if (target == null) {
                    throw new MergeException("unresolved reference " + ref);
                }
                todo.addAll(ComponentRefs.collect(target));
            }
        }
        Set<String> schemes = new HashSet<>();
        OpenApiMerger.forEachOperation(part, (path, method, operation) ->
                operation.path("security").forEach(requirement -> requirement.fieldNames().forEachRemaining(schemes::add)));
        for (var section : List.copyOf(components.properties())) {
            ObjectNode entries = (ObjectNode) section.getValue();
            for (String name : names(entries)) {
                boolean keep = section.getKey().equals("securitySchemes") ? schemes.contains(name)
                        : reached.contains(ComponentRefs.ref(section.getKey(), name));
                if (!keep) {
                    entries.remove(name);
                }
            }
            if (entries.isEmpty()) {
                components.remove(section.getKey());
            }
        }
    }

    private static List<String> names(ObjectNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
