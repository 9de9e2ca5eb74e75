package io.mailoo.testsupport;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;

import io.mailoo.contracts.Topics;

/**
 * The packaged mail-dispatch-service started as a separate process, the way ./mailoo up runs it, against the test
 * broker, so domain-service tests go through the real dispatcher. Each module's dispatcher has a database of its own
 * ({@code mailoo_dispatch_systest_<module>}, created empty by the first dispatcher of a test JVM): with one shared database, one suite's dispatcher
 * polled another's deferred rows, and a newer dispatch build migrated it past an older packaged jar.
 * The reactor builds mail-dispatch-service before the domain services, so its jar exists when they are tested.
 * {@link #startReplicas} runs several of them as replicas: one consumer group, one database.
 */
public final class DispatchProcess implements AutoCloseable {

    private static final java.util.concurrent.atomic.AtomicBoolean RECREATED =
            new java.util.concurrent.atomic.AtomicBoolean();

    private final ServiceProcess service;
    private final String group;
    private final Map<String, String> env;

    private DispatchProcess(ServiceProcess service, String group, Map<String, String> env) {
        this.service = service;
        this.group = group;
        this.env = env;
    }

    /**
     * @param platformSmtpPort the GreenMail port used as the global SMTP
     * @param extraEnv         more environment for the process (e.g. tuning)
     */
    public static DispatchProcess start(int platformSmtpPort, Map<String, String> extraEnv) {
        return startReplicas(1, platformSmtpPort, extraEnv).get(0);
    }

    /**
     * Starts {@code count} dispatchers in one new consumer group (side by side, to save start-up time) and returns
     * once every one of them has request partitions and together they have all.
     */
    public static List<DispatchProcess> startReplicas(int count, int platformSmtpPort, Map<String, String> extraEnv) {
        // empty at this JVM's first dispatcher: a database left by an earlier run (an older build's migrations,
        // its rows) must not decide this one; later dispatchers of the same run share it
        String database = RECREATED.compareAndSet(false, true) ? TestDatabases.recreate(databaseForThisModule())
                : TestDatabases.createIfMissing(databaseForThisModule());
        Map<String, String> env = ServiceProcess.testEnvironment(database);
        env.put("MAIL_SMTP_ALLOW_PRIVATE_HOSTS", "true");
        env.put("GLOBAL_SMTP_HOST", "127.0.0.1");
        env.put("GLOBAL_SMTP_PORT", Integer.toString(platformSmtpPort));
        env.put("GLOBAL_SMTP_SECURITY", "NONE");
        env.put("GLOBAL_MAIL_FROM", "platform@mailoo.test");
        // A group of its own that starts at the end of the request topic: the broker of a ./mailoo test run also
        // holds every request earlier suites published, which this dispatcher must not send again. The start is
        // committed for the group before it exists (not auto.offset.reset=latest): a consumer that loses its
        // membership while the broker is frozen (10 s session) rejoins at its committed offsets, where "latest"
        // skipped the request published right after the thaw (MailFlowTest's outage case).
        String group = "mail-dispatch-systest-" + UUID.randomUUID();
        env.put("DISPATCH_CONSUMER_GROUP", group);
        commitEndOffsets(group);
        env.put("DISPATCH_PROFILE_GRACE", "PT5S");
        env.put("DISPATCH_QUICK_RETRY_LADDER", "1s,2s");
        env.put("DISPATCH_SLOW_RETRY_LADDER", "1s,2s");
        env.put("DISPATCH_POLL_INTERVAL", "250ms");
        env.putAll(extraEnv);
        List<CompletableFuture<DispatchProcess>> starting = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String component = count == 1 ? "mail-dispatch-systest" : "mail-dispatch-systest-" + i;
            starting.add(CompletableFuture.supplyAsync(() -> launch(group, env, component)));
        }
        List<DispatchProcess> replicas = new ArrayList<>();
        RuntimeException failure = null;
        for (CompletableFuture<DispatchProcess> future : starting) {
            try {
                replicas.add(future.join());
            } catch (CompletionException e) {
                failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
        if (failure != null) {
            replicas.forEach(DispatchProcess::close);
            throw failure;
        }
        try {
            awaitAssignment(group, count, Duration.ofSeconds(90));
        } catch (RuntimeException e) {
            replicas.forEach(DispatchProcess::close);
            throw new IllegalStateException(e.getMessage() + "; see " + replicas.get(0).log(), e);
        }
        return replicas;
    }

    private static DispatchProcess launch(String group, Map<String, String> env, String component) {
        Map<String, String> own = new java.util.HashMap<>(env);
        // every replica reads every profile (docs/scaling.md): a profile group each
        own.put("DISPATCH_PROFILES_CONSUMER_GROUP", group + "-profiles-" + component);
        return new DispatchProcess(ServiceProcess.start("mail-dispatch-service", component, own,
                Duration.ofSeconds(180)), group, env);
    }

    /**
     * Starts one more replica in this one's group and returns once {@code members} replicas (the new one included)
     * share the request partitions.
     */
    public DispatchProcess startAnother(String component, int members) {
        DispatchProcess another = launch(group, env, component);
        try {
            awaitAssignment(group, members, Duration.ofSeconds(90));
        } catch (RuntimeException e) {
            another.close();
            throw new IllegalStateException(e.getMessage() + "; see " + another.log(), e);
        }
        return another;
    }

    public int port() {
        return service.port();
    }

    public Path log() {
        return service.log();
    }

    /** SIGKILL (Process.destroyForcibly on the java process): it dies holding whatever it holds. */
    public void kill() {
        service.kill();
    }

    private static void commitEndOffsets(String group) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestClient.BOOTSTRAP);
        try (Admin admin = Admin.create(config)) {
            int partitions = admin.describeTopics(List.of(Topics.MAIL_REQUESTS)).allTopicNames().get()
                    .get(Topics.MAIL_REQUESTS).partitions().size();
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest =
                    new java.util.HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new org.apache.kafka.common.TopicPartition(Topics.MAIL_REQUESTS, p),
                        org.apache.kafka.clients.admin.OffsetSpec.latest());
            }
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> start =
                    new java.util.HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) ->
                    start.put(tp, new org.apache.kafka.clients.consumer.OffsetAndMetadata(info.offset())));
            admin.alterConsumerGroupOffsets(group, start).all().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot commit the start of the dispatcher's consumer group", e);
        }
    }

    /**
     * Waits until {@code members} request consumers of the group share every partition, each with at least one:
     * with "latest", a request published before that would be skipped.
     */
    private static void awaitAssignment(String group, int members, Duration timeout) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestClient.BOOTSTRAP);
        try (Admin admin = Admin.create(config)) {
            int partitions = admin.describeTopics(List.of(Topics.MAIL_REQUESTS)).allTopicNames().get()
                    .get(Topics.MAIL_REQUESTS).partitions().size();
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline)) {
                ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group))
                        .describedGroups().get(group).get();
                List<Long> perMember = description.members().stream().map(DispatchProcess::requestPartitions)
                        .filter(n -> n > 0).toList();
                long assigned = perMember.stream().mapToLong(Long::longValue).sum();
                if (perMember.size() >= members && assigned >= partitions) {
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
        throw new IllegalStateException(members + " dispatcher(s) got no share of " + Topics.MAIL_REQUESTS
                + " within " + timeout);
    }

    private static long requestPartitions(MemberDescription member) {
        return member.assignment().topicPartitions().stream()
                .filter(tp -> tp.topic().equals(Topics.MAIL_REQUESTS)).count();
    }

    @Override
    public void close() {
        service.close();
    }

    /** mailoo_dispatch_systest_ and the name of the module whose tests run (the working directory). */
    public static String databaseForThisModule() {
        String module = Path.of("").toAbsolutePath().getFileName().toString().replaceAll("[^A-Za-z0-9]", "_");
        return "mailoo_dispatch_systest_" + module.toLowerCase() + System.getenv().getOrDefault("MAILOO_TEST_DB_SUFFIX", "");
    }
}
