package io.mailoo.apidocs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Build step (exec-maven-plugin, process-classes): reads the services' documents, writes {@code mailoo.json} (all of
 * them) and {@code integrator.json} (the API-key routes) into {@code --out}.
 * Arguments: {@code --out=DIR --version=V --integrator-scheme=NAME name=path...}
 */
public final class MergeOpenApi {

    static final String TITLE = "Mailoo API";

    private MergeOpenApi() {
    }

    public static void main(String[] args) throws IOException {
        Path out = null;
        String version = "dev";
        String scheme = null;
        List<OpenApiMerger.Source> sources = new ArrayList<>();
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        for (String arg : args) {
            String value = arg.substring(arg.indexOf('=') + 1);
            if (arg.startsWith("--out=")) {
                out = Path.of(value);
            } else if (arg.startsWith("--version=")) {
                version = value;
            } else if (arg.startsWith("--integrator-scheme=")) {
                scheme = value;
            } else if (arg.contains("=")) {
                Path file = Path.of(value);
                if (!Files.isRegularFile(file)) {
                    throw new MergeException(file + " is missing: the service writes it when it is packaged"
                            + " (quarkus.smallrye-openapi.store-schema-directory); build it first");
                }
                sources.add(new OpenApiMerger.Source(arg.substring(0, arg.indexOf('=')),
                        (ObjectNode) mapper.readTree(file.toFile())));
            } else {
                throw new IllegalArgumentException("unknown argument: " + arg);
            }
        }
        if (out == null || scheme == null) {
            throw new IllegalArgumentException("--out and --integrator-scheme are required");
        }
        ObjectNode merged = OpenApiMerger.merge(sources, info(version,
                "Every route of Mailoo for clients of the gateway: projects, integrations and their mail, the market,"
                        + " offer generators. Merged at build time from the services' own documents."));
        ObjectNode integrator = IntegratorPart.of(merged, scheme, info(version,
                "The integrator API of the market: what a server holding an API key (Authorization: Bearer <api key>)"
                        + " may call. The part of the Mailoo API document whose routes require that key."));
        Files.createDirectories(out);
        mapper.writeValue(out.resolve("mailoo.json").toFile(), merged);
        mapper.writeValue(out.resolve("integrator.json").toFile(), integrator);
        System.out.printf("api-docs: %d paths from %d documents -> %s (integrator part: %d paths)%n",
                merged.path("paths").size(), sources.size(), out, integrator.path("paths").size());
    }

    static ObjectNode info(String version, String description) {
        ObjectNode info = JsonNodeFactory.instance.objectNode();
        info.put("title", TITLE);
        info.put("version", version);
        info.put("description", description);
        return info;
    }
}
