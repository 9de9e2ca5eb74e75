package io.mailoo.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;

/**
 * The ceiling of the Vert.x mail client on this machine: P clients (one per "profile"), each created in a verticle
 * of its own so that it lives on its own event-loop context, {@code maxPoolSize} connections each, {@code inflight}
 * sends outstanding per client, N messages of the given size in total to smtp-sink. No Kafka, no database.
 */
final class BareClientBench {

    private final DispatchBench.Options o;
    private final String body;

    BareClientBench(DispatchBench.Options o) {
        this.o = o;
        this.body = DispatchBench.body(o.size);
    }

    int run() throws Exception {
        Vertx vertx = Vertx.vertx(new VertxOptions()); // event loops: 2 x cores, as in Quarkus
        try {
            List<ClientVerticle> clients = new ArrayList<>();
            for (int i = 0; i < o.profiles; i++) {
                ClientVerticle v = new ClientVerticle(mailConfig(), body, i);
                vertx.deployVerticle(v, new DeploymentOptions()).toCompletionStage().toCompletableFuture()
                        .get(30, TimeUnit.SECONDS);
                clients.add(v);
            }
            System.out.printf("bare Vert.x MailClient: %d clients (own event-loop context each), maxPoolSize %d, "
                    + "%d in flight per client, %d x %d bytes -> %s:%d%n", o.profiles, o.pool, o.inflight,
                    o.messages, o.size, o.sinkHost, o.sinkPort);

            if (o.warmup > 0) {
                Round w = round(clients, Math.max(o.warmup, o.profiles), 120);
                System.out.printf("  warm-up: %d sent, %d failed in %.1f s%n", w.ok.get(), w.failed.get(),
                        w.seconds());
                if (w.ok.get() == 0) {
                    System.out.println("  warm-up: no message was accepted, first error: " + w.firstError.get());
                    return 1;
                }
            }
            Round r = round(clients, o.messages, o.timeoutSeconds);
            double secs = r.seconds();
            double rate = r.ok.get() / secs;
            System.out.printf("  measured: %d sent, %d failed in %.2f s -> %s msg/s%n", r.ok.get(), r.failed.get(),
                    secs, DispatchBench.fmt(rate));
            if (r.firstError.get() != null) {
                System.out.println("  first error: " + r.firstError.get());
            }
            Map<String, Object> m = DispatchBench.map();
            m.put("bare.messages", o.messages);
            m.put("bare.sent", r.ok.get());
            m.put("bare.failed", r.failed.get());
            m.put("bare.seconds", secs);
            m.put("bare.rate", rate);
            m.put("bare.complete", r.completed);
            DispatchBench.emit(m);
            return r.completed && r.failed.get() == 0 ? 0 : 1;
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private MailConfig mailConfig() {
        return new MailConfig()
                .setHostname(o.sinkHost)
                .setPort(o.sinkPort)
                .setStarttls(StartTLSOptions.DISABLED)
                .setLogin(LoginOption.DISABLED)
                .setMaxPoolSize(o.pool)
                .setKeepAlive(true)
                .setOwnHostname("bench.mailoo.local");
    }

    /** One timed round: {@code total} messages spread round-robin over the clients. */
    private Round round(List<ClientVerticle> clients, int total, int timeoutSeconds) throws InterruptedException {
        Round r = new Round(total);
        int p = clients.size();
        r.start = System.nanoTime();
        for (int i = 0; i < p; i++) {
            int share = total / p + (i < total % p ? 1 : 0);
            clients.get(i).start(r, share, o.inflight);
        }
        r.completed = r.latch.await(timeoutSeconds, TimeUnit.SECONDS);
        if (!r.completed) {
            System.out.println("  timeout after " + timeoutSeconds + " s: " + r.latch.getCount() + " sends open");
            r.end.compareAndSet(0, System.nanoTime());
        }
        return r;
    }

    static final class Round {
        final CountDownLatch latch;
        final AtomicInteger ok = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicReference<String> firstError = new AtomicReference<>();
        final AtomicLong end = new AtomicLong();
        volatile long start;
        boolean completed;

        Round(int total) {
            latch = new CountDownLatch(total);
        }

        void done(boolean success, Throwable error) {
            if (success) {
                ok.incrementAndGet();
            } else {
                failed.incrementAndGet();
                firstError.compareAndSet(null, String.valueOf(error));
            }
            latch.countDown();
            if (latch.getCount() == 0) {
                end.compareAndSet(0, System.nanoTime());
            }
        }

        double seconds() {
            long e = end.get() == 0 ? System.nanoTime() : end.get();
            return (e - start) / 1e9;
        }
    }

    /** One client per verticle, so it is created on and always used from its own event-loop context. */
    static final class ClientVerticle extends AbstractVerticle {
        private final MailConfig config;
        private final String body;
        private final int index;
        private MailClient client;
        private Context ctx;
        private int seq;

        ClientVerticle(MailConfig config, String body, int index) {
            this.config = config;
            this.body = body;
            this.index = index;
        }

        @Override
        public void start() {
            ctx = context;
            client = MailClient.create(vertx, config);
        }

        @Override
        public void stop() {
            if (client != null) {
                client.close();
            }
        }

        void start(Round r, int share, int inflight) {
            if (share == 0) {
                return;
            }
            ctx.runOnContext(v -> {
                int[] remaining = {share};
                int first = Math.min(inflight, share);
                remaining[0] -= first;
                for (int i = 0; i < first; i++) {
                    send(r, remaining);
                }
            });
        }

        private void send(Round r, int[] remaining) {
            MailMessage m = new MailMessage()
                    .setFrom("Mailoo Bench <bench@mailoo.local>")
                    .setTo("rcpt" + index + "-" + (seq++) + "@bench.local")
                    .setSubject("Mailoo bench " + index)
                    .setText(body);
            client.sendMail(m).onComplete(ar -> {
                r.done(ar.succeeded(), ar.cause());
                if (remaining[0] > 0) {
                    remaining[0]--;
                    send(r, remaining);
                }
            });
        }
    }
}
