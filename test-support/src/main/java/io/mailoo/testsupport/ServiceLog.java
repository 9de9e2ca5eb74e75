package io.mailoo.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The log file a service under test writes (%test.quarkus.log.file.path, e.g. target/market-test.log, rotated by
 * size), read by tests that await a line the service logs.
 */
public final class ServiceLog {

    private final Path file;

    public ServiceLog(Path file) {
        this.file = file;
    }

    /** Lines that contain every one of {@code markers}, in the current and the rotated files (the count only grows). */
    public long count(String... markers) {
        long count = 0;
        String name = file.getFileName().toString();
        Path directory = file.toAbsolutePath().getParent();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path rotated : files.filter(f -> f.getFileName().toString().startsWith(name)).toList()) {
                try {
                    // bytes decoded leniently: the service may be writing a line's last character right now
                    String text = new String(Files.readAllBytes(rotated), StandardCharsets.UTF_8);
                    count += text.lines().filter(line -> java.util.Arrays.stream(markers).allMatch(line::contains))
                            .count();
                } catch (NoSuchFileException rotatedAway) {
                    // renamed while listed: the next poll counts it under its new name
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return count;
    }
}
