package io.mailoo.market.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The log the service under test writes (target/market-test.log, rotated by size), read by tests that await a line. */
public final class ServiceLog {

    private static final Path LOG = Path.of("target", "market-test.log");

    private ServiceLog() {
    }

    /** Lines that contain {@code marker}, in the current and the rotated files, so the count only grows. */
    public static long count(String marker) {
        long count = 0;
        try (Stream<Path> files = Files.list(LOG.getParent())) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("market-test.log")).toList()) {
                try {
                    // bytes decoded leniently: the service may be writing a line's last character right now
                    String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
                    count += text.lines().filter(line -> line.contains(marker)).count();
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
