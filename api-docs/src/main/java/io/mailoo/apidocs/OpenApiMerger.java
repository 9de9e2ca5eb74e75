package io.mailoo.apidocs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Merges the services' OpenAPI documents into one for clients of the gateway. Paths and operationIds must be unique
 * across services (a clash fails the build: one route or one client method would silently win); components that are
 * equal are kept once, components that share a name but differ are renamed {@code <Service><Name>} in their own
 * document first, so no service's schema changes another's.
 */
public final class OpenApiMerger {

    static final List<String> HTTP_METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    /** One service's document; {@code name} (e.g. {@code market}) prefixes its renamed components. */
    public record Source(String name, ObjectNode document) {
    }

    private OpenApiMerger() {
    }

    public static ObjectNode merge(List<Source> sources, ObjectNode info) {
        if (sources.isEmpty()) {
            throw new MergeException("no documents to merge");
        }
        List<Source> copies = new ArrayList<>();
        for (Source source : sources) {
            ObjectNode copy = source.document().deepCopy();
            pushSecurityIntoOperations(copy);
            copies.add(new Source(source.name(), copy));
        }
        renameClashingComponents(copies);

        ObjectNode merged = JsonNodeFactory.instance.objectNode();
        merged.set("openapi", sameEverywhere(copies, "openapi"));
        merged.set("info", info);
        JsonNode servers = sameEverywhere(copies, "servers");
        if (servers != null) {
            merged.set("servers", servers);
        }
        ObjectNode tags = JsonNodeFactory.instance.objectNode();
        ObjectNode paths = merged.putObject("paths");
        ObjectNode components = JsonNodeFactory.instance.objectNode();
        Map<String, String> operationIds = new HashMap<>();
        for (Source source : copies) {
            for (var path : source.document().path("paths").properties()) {
                if (paths.has(path.getKey())) {
                    throw new MergeException("path " + path.getKey() + " is in two documents (" + source.name() + ")");
                }
                paths.set(path.getKey(), path.getValue());
                checkOperationIds(source.name(), path.getKey(), path.getValue(), operationIds);
            }
            for (var section : source.document().path("components").properties()) {
                ObjectNode target = components.has(section.getKey()) ? (ObjectNode) components.get(section.getKey())
                        : components.putObject(section.getKey());
                for (var component : section.getValue().properties()) {
                    JsonNode existing = target.get(component.getKey());
                    if (existing != null && !existing.equals(component.getValue())) {
                        throw new MergeException("components/" + section.getKey() + "/" + component.getKey()
                                + " differs between documents (" + source.name() + ")");
                    }
                    target.set(component.getKey(), component.getValue());
                }
            }
            for (JsonNode tag : source.document().path("tags")) {
                tags.putIfAbsent(tag.path("name").asText(), tag);
            }
        }
        if (!components.isEmpty()) {
            merged.set("components", sorted(components));
        }
        if (!tags.isEmpty()) {
            ArrayNode list = merged.putArray("tags");
            tags.forEach(list::add);
        }
        return merged;
    }

    /** A top-level {@code security} becomes each operation's own (when it has none), since documents disagree on it. */
    private static void pushSecurityIntoOperations(ObjectNode document) {
        JsonNode security = document.remove("security");
        if (security == null) {
            return;
        }
        forEachOperation(document, (path, method, operation) -> {
            if (!operation.has("security")) {
                operation.set("security", security.deepCopy());
            }
        });
    }

    /** Components with one name and different content in two documents get {@code <Service><Name>} in each. */
    private static void renameClashingComponents(List<Source> sources) {
        Map<String, List<Source>> owners = new LinkedHashMap<>();
        for (Source source : sources) {
            for (var section : source.document().path("components").properties()) {
                if (section.getKey().equals("securitySchemes")) {
                    continue; // schemes are named by the requirements: a clash is an error, reported by merge()
                }
                for (String name : (Iterable<String>) () -> section.getValue().fieldNames()) {
                    owners.computeIfAbsent(section.getKey() + "/" + name, k -> new ArrayList<>()).add(source);
                }
            }
        }
        Map<Source, Map<String, String>> renames = new HashMap<>();
        owners.forEach((key, list) -> {
            String section = key.substring(0, key.indexOf('/'));
            String name = key.substring(key.indexOf('/') + 1);
            JsonNode first = list.get(0).document().path("components").path(section).get(name);
            boolean allEqual = list.stream()
                    .allMatch(s -> s.document().path("components").path(section).get(name).equals(first));
            if (list.size() > 1 && !allEqual) {
                for (Source source : list) {
                    String renamed = capitalize(source.name()) + name;
                    renames.computeIfAbsent(source, s -> new HashMap<>())
                            .put(ComponentRefs.ref(section, name), ComponentRefs.ref(section, renamed));
                }
            }
        });
        renames.forEach((source, map) -> {
            ObjectNode components = (ObjectNode) source.document().get("components");
            map.forEach((from, to) -> {
                String[] f = from.substring(ComponentRefs.PREFIX.length()).split("/", 2);
                String[] t = to.substring(ComponentRefs.PREFIX.length()).split("/", 2);
                ObjectNode section = (ObjectNode) components.get(f[0]);
                if (section.has(t[1])) {
                    throw new MergeException("cannot rename " + from + " in " + source.name() + ": " + to + " exists");
                }
                section.set(t[1], section.remove(f[1]));
            });
            ComponentRefs.rewrite(source.document(), map);
        });
    }

    private static void checkOperationIds(String source, String path, JsonNode item, Map<String, String> seen) {
        for (String method : HTTP_METHODS) {
            JsonNode operation = item.get(method);
            if (operation == null) {
                continue;
            }
            String id = operation.path("operationId").asText("");
            if (id.isEmpty()) {
                continue; // Spectral reports operations without an id
            }
            String where = source + " " + method.toUpperCase() + " " + path;
            String previous = seen.putIfAbsent(id, where);
            if (previous != null) {
                throw new MergeException("operationId " + id + " is used twice: " + previous + " and " + where);
            }
        }
    }

    private static JsonNode sameEverywhere(List<Source> sources, String field) {
        JsonNode first = sources.get(0).document().get(field);
        for (Source source : sources) {
            JsonNode value = source.document().get(field);
            if (first == null ? value != null : !first.equals(value)) {
                throw new MergeException("'" + field + "' differs between " + sources.get(0).name() + " and "
                        + source.name() + ": " + first + " / " + value);
            }
        }
        return first;
    }

    private static ObjectNode sorted(ObjectNode components) {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        components.properties().stream().sorted(Map.Entry.comparingByKey()).forEach(section -> {
            ObjectNode target = result.putObject(section.getKey());
            section.getValue().properties().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(c -> target.set(c.getKey(), c.getValue()));
        });
        return result;
    }

    private static String capitalize(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    interface OperationVisitor {
        void visit(String path, String method, ObjectNode operation);
    }

    static void forEachOperation(JsonNode document, OperationVisitor visitor) {
        for (var path : document.path("paths").properties()) {
            for (String method : HTTP_METHODS) {
                if (path.getValue().get(method) instanceof ObjectNode operation) {
                    visitor.visit(path.getKey(), method, operation);
                }
            }
        }
    }
}
