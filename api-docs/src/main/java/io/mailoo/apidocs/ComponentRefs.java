package io.mailoo.apidocs;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/** Local component references ({@code #/components/<section>/<name>}) inside an OpenAPI tree: renaming and collecting. */
final class ComponentRefs {

    static final String PREFIX = "#/components/";

    private ComponentRefs() {
    }

    static String ref(String section, String name) {
        return PREFIX + section + "/" + name;
    }

    /** Replaces every string equal to a key of {@code renames} ($ref values and discriminator mappings alike). */
    static void rewrite(JsonNode node, Map<String, String> renames) {
        if (node instanceof ObjectNode object) {
            for (var field : object.properties()) {
                JsonNode value = field.getValue();
                if (value.isTextual() && renames.containsKey(value.textValue())) {
                    field.setValue(TextNode.valueOf(renames.get(value.textValue())));
                } else {
                    rewrite(value, renames);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode value = array.get(i);
                if (value.isTextual() && renames.containsKey(value.textValue())) {
                    array.set(i, TextNode.valueOf(renames.get(value.textValue())));
                } else {
                    rewrite(value, renames);
                }
            }
        }
    }

    /** Every {@code $ref} to a local component found under {@code node}. */
    static Set<String> collect(JsonNode node) {
        Set<String> refs = new LinkedHashSet<>();
        collect(node, refs);
        return refs;
    }

    private static void collect(JsonNode node, Set<String> refs) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual() && ref.textValue().startsWith(PREFIX)) {
                refs.add(ref.textValue());
            }
            node.forEach(child -> collect(child, refs));
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, refs));
        }
    }

    /** The component a reference points at, or null when the document has none of that name. */
    static JsonNode resolve(JsonNode document, String ref) {
        String[] parts = ref.substring(PREFIX.length()).split("/", 2);
        return parts.length == 2 ? document.path("components").path(parts[0]).get(parts[1]) : null;
    }
}
