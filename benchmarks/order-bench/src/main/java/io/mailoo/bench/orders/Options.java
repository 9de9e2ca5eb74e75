package io.mailoo.bench.orders;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/** Command-line options: {@code --name value} pairs after the mode. */
final class Options {

    final URI base;
    final String token;
    final String smtpHost;
    final int smtpPort;
    final String integrationId;
    final String apiKey;
    final String kafka;
    final int rate;
    final int seconds;
    final int warmupSeconds;
    /** The first seconds of the warm-up rise a step a second to the rate (0: the whole warm-up at the rate). */
    final int warmupRampSeconds;
    final int concurrency;
    final int connections;
    final int sentTimeoutSeconds;
    final int timeoutSeconds;
    final String out;
    final String file;
    /** When set, the fixed-rate run waits after its warm-up until this file exists (the harness's go). */
    final String startFile;

    private Options(Map<String, String> m) {
        base = URI.create(m.getOrDefault("base", "http://127.0.0.1:8080"));
        token = m.get("token");
        smtpHost = m.getOrDefault("smtp-host", "127.0.0.1");
        smtpPort = Integer.parseInt(m.getOrDefault("smtp-port", "3025"));
        integrationId = m.get("integration");
        apiKey = m.get("key");
        kafka = m.getOrDefault("kafka", "127.0.0.1:9092");
        rate = Integer.parseInt(m.getOrDefault("rate", "500"));
        seconds = Integer.parseInt(m.getOrDefault("seconds", "30"));
        warmupSeconds = Integer.parseInt(m.getOrDefault("warmup", "5"));
        warmupRampSeconds = Integer.parseInt(m.getOrDefault("warmup-ramp", "0"));
        concurrency = Integer.parseInt(m.getOrDefault("concurrency", "64"));
        connections = Integer.parseInt(m.getOrDefault("connections", "256"));
        sentTimeoutSeconds = Integer.parseInt(m.getOrDefault("sent-timeout", "120"));
        timeoutSeconds = Integer.parseInt(m.getOrDefault("timeout", "600"));
        out = m.get("out");
        file = m.get("file");
        startFile = m.get("start-file");
    }

    static Options parse(String[] argv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 1; i < argv.length; i++) {
            String a = argv[i];
            if (!a.startsWith("--") || i + 1 >= argv.length) {
                throw new IllegalArgumentException("expected --name value, got " + a);
            }
            m.put(a.substring(2), argv[++i]);
        }
        return new Options(m);
    }

    String require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }
}
