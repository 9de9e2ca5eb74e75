package io.mailoo.bench.orders;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a JFR recording's CPU samples (jdk.ExecutionSample) are: by thread, by the method on top of the stack
 * (self time), by the library nearest the top (self, JDK frames charged to the library that called them) and by
 * library anywhere in the stack (inclusive: a sample counts once for each library in it).
 */
final class JfrTop {

    /** Package prefix → the name printed; the first match wins, so the more specific come first. */
    private static final List<String[]> LIBRARIES = List.of(
            new String[] {"io.mailoo.", "Mailoo code"},
            new String[] {"org.hibernate.", "Hibernate (ORM + Reactive)"},
            new String[] {"io.vertx.pgclient.", "Vert.x PostgreSQL client"},
            new String[] {"io.vertx.sqlclient.", "Vert.x SQL client"},
            new String[] {"io.quarkus.qute.", "Qute"},
            new String[] {"com.fasterxml.jackson.", "Jackson"},
            new String[] {"org.jboss.resteasy.reactive.", "Quarkus REST"},
            new String[] {"io.quarkus.resteasy.reactive.", "Quarkus REST"},
            new String[] {"io.quarkus.vertx.http.", "Quarkus HTTP"},
            new String[] {"io.smallrye.mutiny.", "Mutiny"},
            new String[] {"io.smallrye.reactive.messaging.", "SmallRye Messaging"},
            new String[] {"org.apache.kafka.", "Kafka client"},
            new String[] {"io.micrometer.", "Micrometer"},
            new String[] {"io.netty.", "Netty"},
            new String[] {"io.vertx.core.", "Vert.x core"},
            new String[] {"io.quarkus.arc.", "ArC (CDI)"},
            new String[] {"io.smallrye.context.", "context propagation"},
            new String[] {"org.jboss.logging.", "logging"},
            new String[] {"org.jboss.logmanager.", "logging"},
            new String[] {"sun.security.", "JDK security (digests, SecureRandom)"},
            new String[] {"java.security.", "JDK security (digests, SecureRandom)"},
            new String[] {"java.util.regex.", "regex"});

    private JfrTop() {
    }

    static int print(String file) throws IOException {
        Map<String, Integer> byThread = new HashMap<>();
        Map<String, Integer> bySelf = new HashMap<>();
        Map<String, Integer> byLibrary = new HashMap<>();
        Map<String, Integer> byLibrarySelf = new HashMap<>();
        int total = 0;
        try (RecordingFile recording = new RecordingFile(Path.of(file))) {
            while (recording.hasMoreEvents()) {
                RecordedEvent e = recording.readEvent();
                if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
                    continue;
                }
                total++;
                String thread = e.getThread("sampledThread") == null ? "?" : e.getThread("sampledThread")
                        .getJavaName();
                byThread.merge(thread == null ? "?" : thread.replaceAll("[-#]?\\d+$", "-N"), 1, Integer::sum);
                List<RecordedFrame> frames = e.getStackTrace().getFrames();
                if (!frames.isEmpty()) {
                    bySelf.merge(name(frames.get(0)), 1, Integer::sum);
                }
                String self = null;
                for (RecordedFrame f : frames) {
                    self = library(f.getMethod().getType().getName());
                    if (self != null) {
                        break;
                    }
                }
                byLibrarySelf.merge(self == null ? "JDK / other" : self, 1, Integer::sum);
                Set<String> seen = new HashSet<>();
                for (RecordedFrame f : frames) {
                    String lib = library(f.getMethod().getType().getName());
                    if (lib != null && seen.add(lib)) {
                        byLibrary.merge(lib, 1, Integer::sum);
                    }
                }
            }
        }
        System.out.println("  JFR " + file + ": " + total + " CPU samples (jdk.ExecutionSample)");
        top("by thread", byThread, total, 12);
        top("by library nearest the top of the stack (self, JDK frames charged to their caller)", byLibrarySelf,
                total, 25);
        top("by library anywhere in the stack (inclusive)", byLibrary, total, 25);
        top("by method on top of the stack (self)", bySelf, total, 30);
        return 0;
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static String library(String type) {
        for (String[] l : LIBRARIES) {
            if (type.startsWith(l[0])) {
                return l[1];
            }
        }
        return null;
    }

    private static void top(String title, Map<String, Integer> counts, int total, int limit) {
        System.out.println("  -- " + title);
        counts.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(limit)
                .forEach(e -> System.out.printf("  %5.1f %%  %6d  %s%n", 100.0 * e.getValue() / Math.max(1, total),
                        e.getValue(), e.getKey()));
    }
}
