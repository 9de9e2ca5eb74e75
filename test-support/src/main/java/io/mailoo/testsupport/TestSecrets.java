package io.mailoo.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Every password and ciphertext a suite creates is written down here, so a leak check at the end can look for each
 * of them in captured logs, responses and published events.
 */
public final class TestSecrets {

    public static final Path FILE = Path.of("target", "test-secrets.txt");

    private TestSecrets() {
    }

    public static synchronized String remember(String secret) {
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, secret + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return secret;
    }

    public static List<String> all() throws IOException {
        return Files.exists(FILE) ? Files.readAllLines(FILE).stream().filter(s -> !s.isBlank()).toList() : List.of();
    }
}
