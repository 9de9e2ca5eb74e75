package io.mailoo.systemtests;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

import io.mailoo.testsupport.ServiceProcess;

import static org.awaitility.Awaitility.await;

/**
 * A single-node KRaft broker of the system tests' own, started from the same jars and templates as ./mailoo's
 * brokers ({@code .mailoo/kafka/libs}, {@code deploy/kafka/}), so a test can stop it and start it again on the same
 * data without disturbing the broker the module suites share.
 */
final class SystemBroker implements AutoCloseable {

    private final Path root;
    private final Path base;
    private final int port;
    private final int controllerPort;
    private Process process;

    private SystemBroker(Path root, Path base, int port, int controllerPort) {
        this.root = root;
        this.base = base;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    static SystemBroker startFresh(Path root) {
        Path base = Path.of("target", "system-broker").toAbsolutePath();
        SystemBroker broker = new SystemBroker(root, base, ServiceProcess.freePort(), ServiceProcess.freePort());
        broker.format();
        broker.start();
        broker.createTopics();
        return broker;
    }

    String bootstrap() {
        return "127.0.0.1:" + port;
    }

    /** Starts the broker on the data it already has (the first start formats it). */
    void start() {
        try {
            process = java(List.of("kafka.Kafka", properties().toString()), base.resolve("broker.log")).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the system-test broker", e);
        }
        await("broker listening on " + port).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(this::listening);
    }

    /** A clean stop (SIGTERM), the way an operator or a rolling restart stops a broker. */
    void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
    }

    private void format() {
        try {
            deleteRecursively(base);
            Files.createDirectories(base.resolve("data"));
            String template = Files.readString(root.resolve("deploy/kafka/server.properties.template"));
            Files.writeString(properties(), template.replace("@NODE_ID@", "1")
                    .replace("@PORT@", Integer.toString(port))
                    .replace("@CONTROLLER_PORT@", Integer.toString(controllerPort))
                    .replace("@DATA_DIR@", base.resolve("data").toString()));
            Process format = java(List.of("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
                    "-c", properties().toString(), "--ignore-formatted"), base.resolve("format.log")).start();
            if (!format.waitFor(120, TimeUnit.SECONDS) || format.exitValue() != 0) {
                throw new IllegalStateException("formatting the system-test broker failed; see " + base);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare the system-test broker in " + base, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The topics of deploy/kafka/topics.conf, as ./mailoo creates them. */
    private void createTopics() {
        List<NewTopic> topics = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(root.resolve("deploy/kafka/topics.conf"))) {
                String[] cells = line.trim().split("\\s+");
                if (cells.length < 2 || cells[0].startsWith("#")) {
                    continue;
                }
                Map<String, String> configs = new HashMap<>();
                if (cells.length > 2 && !cells[2].equals("-")) {
                    for (String pair : cells[2].split(",")) {
                        String[] kv = pair.split("=", 2);
                        configs.put(kv[0], kv[1]);
                    }
                }
                topics.add(new NewTopic(cells[0], Integer.parseInt(cells[1]), (short) 1).configs(configs));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        try (Admin admin = Admin.create(config)) {
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the topics on the system-test broker", e);
        }
    }

    private ProcessBuilder java(List<String> mainAndArgs, Path log) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-Dmailoo.component=kafka-systest",
                "-Dlog4j2.configurationFile=" + root.resolve("deploy/kafka/log4j2.xml"),
                "-Dmailoo.kafka.log=" + log, "-Dkafka.logs.dir=" + base,
                "-cp", kafkaLibs() + "/*"));
        command.addAll(mainAndArgs);
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    }

    private Path kafkaLibs() {
        Path libs = root.resolve(".mailoo/kafka/libs");
        if (!Files.isDirectory(libs)) {
            throw new IllegalStateException(libs + " is missing: run the system tests through ./mailoo test, "
                    + "which fetches the Kafka jars once");
        }
        return libs;
    }

    private Path properties() {
        return base.resolve("server.properties");
    }

    private boolean listening() {
        if (process != null && !process.isAlive()) {
            throw new IllegalStateException("the system-test broker exited; see " + base.resolve("broker.log"));
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
