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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;

import io.mailoo.contracts.Topics;

/**
 * The packaged mail-dispatch-service started as a separate process, the way ./mailoo up runs it, against the test
 * broker, so domain-service tests go through the real dispatcher. Each module's dispatcher has a database of its own
 * ({@code mailoo_dispatch_systest_<module>}, created if missing): with one shared database, one suite's dispatcher
 * polled another's deferred rows, and a newer dispatch build migrated it past an older packaged jar.
 * The reactor builds mail-dispatch-service before the domain services, so its jar exists when they are tested.
 */
public final class DispatchProcess implements AutoCloseable {


    private final Process process;
    private final int port;
    private final Path log;

    private DispatchProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * @param platformSmtpPort the GreenMail port used as the global SMTP
     * @param extraEnv         more environment for the process (e.g. tuning)
     */
    public static DispatchProcess start(int platformSmtpPort, Map<String, String> extraEnv) {
        Path jar = locateJar();
        String database = TestDatabases.createIfMissing(databaseForThisModule());
        int port = freePort();
        Path log = Path.of("target", "mail-dispatch-systest.log").toAbsolutePath();
        Map<String, String> env = new HashMap<>();
        env.put("HTTP_PORT", Integer.toString(port));
        env.put("HTTP_HOST", "127.0.0.1"); // the tests reach it on loopback; nothing else should
        env.put("KAFKA_BOOTSTRAP_SERVERS", KafkaTestClient.BOOTSTRAP);
        env.put("DB_HOST", System.getenv().getOrDefault("MAILOO_TEST_DB_HOST", "127.0.0.1"));
        env.put("DB_PORT", System.getenv().getOrDefault("MAILOO_TEST_DB_PORT", "5432"));
        env.put("DB_USERNAME", System.getenv().getOrDefault("MAILOO_TEST_DB_USERNAME", "postgres"));
        env.put("DB_PASSWORD", System.getenv().getOrDefault("MAILOO_TEST_DB_PASSWORD", "postgres"));
        env.put("DB_NAME", database);
        env.put("MAIL_SMTP_ENCRYPTION_KEY", TestKeys.ENCRYPTION_KEY);
        env.put("MAIL_SMTP_ALLOW_PRIVATE_HOSTS", "true");
        env.put("GLOBAL_SMTP_HOST", "127.0.0.1");
        env.put("GLOBAL_SMTP_PORT", Integer.toString(platformSmtpPort));
        env.put("GLOBAL_SMTP_SECURITY", "NONE");
        env.put("GLOBAL_MAIL_FROM", "platform@mailoo.test");
        // A group of its own that starts at the end of the request topic: the broker of a ./mailoo test run also
        // holds every request earlier suites published, which this dispatcher must not send again.
        String group = "mail-dispatch-systest-" + UUID.randomUUID();
        env.put("DISPATCH_CONSUMER_GROUP", group);
        env.put("MP_MESSAGING_INCOMING_MAIL_REQUESTS_AUTO_OFFSET_RESET", "latest");
        env.put("DISPATCH_PROFILES_CONSUMER_GROUP", group + "-profiles");
        env.put("DISPATCH_PROFILE_GRACE", "PT5S");
        env.put("DISPATCH_QUICK_RETRY_LADDER", "1s,2s");
        env.put("DISPATCH_SLOW_RETRY_LADDER", "1s,2s");
        env.put("DISPATCH_POLL_INTERVAL", "250ms");
        env.put("JWT_PUBLIC_KEY_LOCATION", TestKeys.publicKeyLocation());
        env.put("JWT_ISSUER", TestKeys.ISSUER);
        env.putAll(extraEnv);
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(List.of(javaBinary(), "-Xmx384m",
                    "-Dmailoo.component=mail-dispatch-systest", "-jar", jar.toString()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(env);
            DispatchProcess dispatch = new DispatchProcess(builder.start(), port, log);
            dispatch.awaitReady(Duration.ofSeconds(90));
            dispatch.awaitAssignment(group, Duration.ofSeconds(60));
            return dispatch;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + jar, e);
        }
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    private void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mail-dispatch-service exited with " + process.exitValue()
                        + "; see " + log);
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
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
        close();
        throw new IllegalStateException("mail-dispatch-service not ready within " + timeout + "; see " + log);
    }

    /**
     * Waits until the dispatcher's request consumer owns every partition: with "latest", a request published before
     * that would be skipped.
     */
    private void awaitAssignment(String group, Duration timeout) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestClient.BOOTSTRAP);
        try (Admin admin = Admin.create(config)) {
            int partitions = admin.describeTopics(List.of(Topics.MAIL_REQUESTS)).allTopicNames().get()
                    .get(Topics.MAIL_REQUESTS).partitions().size();
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline)) {
                ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group))
                        .describedGroups().get(group).get();
                int assigned = description.members().stream()
                        .mapToInt(member -> (int) member.assignment().topicPartitions().stream()
                                .filter(tp -> tp.topic().equals(Topics.MAIL_REQUESTS)).count())
                        .sum();
                if (assigned >= partitions) {
                    return;
                }
                Thread.sleep(200); // the group has no other signal of its assignment than being described again
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot describe the dispatcher's consumer group", e);
        }
        close();
        throw new IllegalStateException("mail-dispatch-service got no partitions of " + Topics.MAIL_REQUESTS
                + " within " + timeout + "; see " + log);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** mailoo_dispatch_systest_ and the name of the module whose tests run (the working directory). */
    static String databaseForThisModule() {
        String module = Path.of("").toAbsolutePath().getFileName().toString().replaceAll("[^A-Za-z0-9]", "_");
        return "mailoo_dispatch_systest_" + module.toLowerCase() + System.getenv().getOrDefault("MAILOO_TEST_DB_SUFFIX", "");
    }

    private static Path locateJar() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path jar = dir.resolve("mail-dispatch-service/target/quarkus-app/quarkus-run.jar");
            if (Files.exists(jar)) {
                return jar;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("mail-dispatch-service is not packaged: run ./mailoo test (the reactor "
                + "packages it before the domain services) or ./mvnw package -pl mail-dispatch-service -am");
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
