package io.mailoo.integration.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The test broker that ./mailoo test started, frozen (SIGSTOP) and thawed (SIGCONT) by its recorded pid: Kafka is
 * unreachable in between, as in an outage, without losing its data. The pid only counts when its command line carries
 * ./mailoo's marker for the test broker, so no other process is ever signalled.
 */
public final class FrozenBroker implements AutoCloseable {

    private final long pid;

    private FrozenBroker(long pid) {
        this.pid = pid;
    }

    public static FrozenBroker freeze() throws IOException, InterruptedException {
        long pid = brokerPid();
        signal("STOP", pid);
        return new FrozenBroker(pid);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        signal("CONT", pid);
    }

    private static long brokerPid() throws IOException {
        String stateDir = System.getenv("MAILOO_STATE_DIR");
        Path dir = stateDir != null ? Path.of(stateDir)
                : Path.of(System.getenv().getOrDefault("MAILOO_ROOT", ".."), ".mailoo");
        long pid = Long.parseLong(Files.readString(dir.resolve("pids/kafka-test.pid")).trim());
        String cmdline = Files.readString(Path.of("/proc/" + pid + "/cmdline"), StandardCharsets.UTF_8)
                .replace('\0', ' ');
        if (!cmdline.contains("-Dmailoo.component=kafka-test ")) {
            throw new IllegalStateException("pid " + pid + " is not ./mailoo's test broker");
        }
        return pid;
    }

    private static void signal(String signal, long pid) throws IOException, InterruptedException {
        int exit = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
        }
    }
}
