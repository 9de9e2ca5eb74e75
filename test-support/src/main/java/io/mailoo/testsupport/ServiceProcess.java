package io.mailoo.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A packaged Quarkus service ({@code <module>/target/quarkus-app/quarkus-run.jar}) run as a separate process the way
 * ./mailoo up runs it, on a free HTTP port, its output appended to a log under target/, ready once
 * {@code /q/health/ready} answers 200.
 */
public final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final String module;
    private final int port;
    private final Path log;

    private ServiceProcess(Process process, String module, int port, Path log) {
        this.process = process;
        this.module = module;
        this.port = port;
        this.log = log;
    }

    /**
     * @param module    the module whose packaged jar runs, e.g. {@code integration-service}
     * @param component a name for the process's log file and {@code -Dmailoo.component}
     * @param env       its environment on top of this JVM's ({@code HTTP_PORT} is set here)
     */
    public static ServiceProcess start(String module, String component, Map<String, String> env, Duration ready) {
        Path jar = locateJar(module);
        int port = freePort();
        Path log = Path.of("target", component + ".log").toAbsolutePath();
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(List.of(javaBinary(), jvmOptions(module),
                    "-Dmailoo.component=" + component, "-jar", jar.toString()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(env);
            builder.environment().put("HTTP_PORT", Integer.toString(port));
            ServiceProcess service = new ServiceProcess(builder.start(), module, port, log);
            service.awaitReady(ready);
            return service;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + jar, e);
        }
    }

    /** The environment every packaged service needs against the test infrastructure (broker, database, keys). */
    public static Map<String, String> testEnvironment(String database) {
        Map<String, String> env = new java.util.HashMap<>();
        env.put("HTTP_HOST", "127.0.0.1"); // the tests reach it on loopback; nothing else should
        env.put("KAFKA_BOOTSTRAP_SERVERS", KafkaTestClient.BOOTSTRAP);
        env.put("DB_HOST", System.getenv().getOrDefault("MAILOO_TEST_DB_HOST", "127.0.0.1"));
        env.put("DB_PORT", System.getenv().getOrDefault("MAILOO_TEST_DB_PORT", "5432"));
        env.put("DB_USERNAME", System.getenv().getOrDefault("MAILOO_TEST_DB_USERNAME", "postgres"));
        env.put("DB_PASSWORD", System.getenv().getOrDefault("MAILOO_TEST_DB_PASSWORD", "postgres"));
        env.put("DB_NAME", database);
        env.put("MAIL_SMTP_ENCRYPTION_KEY", TestKeys.ENCRYPTION_KEY);
        env.put("JWT_PUBLIC_KEY_LOCATION", TestKeys.publicKeyLocation());
        env.put("JWT_ISSUER", TestKeys.ISSUER);
        return env;
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    /** Stops the process (if it is still starting too) and fails with {@code reason} and where its log is. */
    IllegalStateException failed(String reason) {
        close();
        return new IllegalStateException(module + " " + reason + "; see " + log);
    }

    private void awaitReady(Duration timeout) {
        if (awaitHttpOk(process, URI.create("http://127.0.0.1:" + port + "/q/health/ready"), timeout)) {
            return;
        }
        if (!process.isAlive()) {
            throw new IllegalStateException(module + " exited with " + process.exitValue() + "; see " + log);
        }
        throw failed("not ready within " + timeout);
    }

    /**
     * Polls {@code uri} until it answers 200 (true), or the child {@code process} exits or {@code timeout} passes
     * (false: {@code process.isAlive()} tells which).
     */
    public static boolean awaitHttpOk(Process process, URI uri, Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                return false;
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return true;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(250); // polling a child process that has no other signal of readiness
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return false;
    }

    /** SIGKILL, the way a crash or the OOM killer ends a process: no shutdown hook, no graceful leave of anything. */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException(module + " did not die of SIGKILL within 20 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The checkout's root: the nearest directory up from here that holds {@code mailoo}. */
    public static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mailoo"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("not inside a Mailoo checkout: " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    @Override
    public void close() {
        stop(process);
    }

    /** SIGTERM, and SIGKILL if it has not ended 20 s later. */
    public static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /**
     * The JVM options ./mailoo starts the service with, as a launcher argument file ({@code @deploy/jvm/...options};
     * the launcher drops its # comments), so that what the tests run through (broker outages, kill -9, replicas) also
     * shows that the service's heap and memory ceilings hold.
     */
    static String jvmOptions(String module) {
        String file = "deploy/jvm/" + ("mail-dispatch-service".equals(module) ? module : "domain-service") + ".options";
        return "@" + above(file).orElseThrow(() -> new IllegalStateException(file + " not found above "
                + Path.of("").toAbsolutePath()));
    }

    private static Path locateJar(String module) {
        return above(module + "/target/quarkus-app/quarkus-run.jar").orElseThrow(() -> new IllegalStateException(
                module + " is not packaged: run ./mailoo test (the reactor packages it before the tests that start it) "
                        + "or ./mvnw package -pl " + module + " -am"));
    }

    /** {@code relative} resolved against the working directory or the nearest of its parents that has it. */
    private static Optional<Path> above(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(relative))) {
                return Optional.of(dir.resolve(relative));
            }
        }
        return Optional.empty();
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A port free on loopback now (the usual race with whoever takes it next is accepted in tests). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
