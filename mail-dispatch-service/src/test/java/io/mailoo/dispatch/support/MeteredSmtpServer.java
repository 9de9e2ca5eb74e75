package io.mailoo.dispatch.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * A real SMTP server on loopback that measures what a provider's limits are about: how many connections are open at
 * once (the most ever) and when each message transaction ended, per X-Mailoo-Message-Id. The reply to the end of
 * DATA comes from a function of the message id and how many times that message has arrived (1 = first), after an
 * optional delay (a slow server), and while the server is {@link #hold() held}, not before it is released.
 */
public final class MeteredSmtpServer implements AutoCloseable {

    /** One message transaction: when its DATA ended, which message it was, what it was answered. */
    public record Attempt(long atMillis, String messageId, String reply) {
        public boolean accepted() {
            return reply.startsWith("250");
        }
    }

    private final ServerSocket socket;
    private final BiFunction<String, Integer, String> dataReply;
    private final Duration replyDelay;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger mostOpen = new AtomicInteger();
    private final AtomicInteger waitingForReply = new AtomicInteger();
    private final Map<String, AtomicInteger> arrivals = new ConcurrentHashMap<>();
    private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch gate = new CountDownLatch(0);

    public MeteredSmtpServer(BiFunction<String, Integer, String> dataReply, Duration replyDelay) throws IOException {
        this.dataReply = dataReply;
        this.replyDelay = replyDelay;
        this.socket = LoopbackAcceptor.start("metered-smtp", this::serve);
    }

    /** A server that accepts every message at once. */
    public static MeteredSmtpServer accepting() throws IOException {
        return new MeteredSmtpServer((id, n) -> "250 2.0.0 Ok", Duration.ZERO);
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** The most connections that were ever open at the same time. */
    public int mostConnectionsAtOnce() {
        return mostOpen.get();
    }

    /** Transactions whose message has been received and whose reply is still being held back (the delay). */
    public int waitingForReply() {
        return waitingForReply.get();
    }

    public List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    /** From now on, replies to DATA wait until {@link #release()}: the sends stay in flight. */
    public void hold() {
        gate = new CountDownLatch(1);
    }

    public void release() {
        gate.countDown();
    }

    private void serve(Socket client) {
        mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
        try (client) {
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(),
                    StandardCharsets.UTF_8));
            OutputStream out = client.getOutputStream();
            reply(out, "220 metered.test ESMTP");
            String line;
            while ((line = in.readLine()) != null) {
                String command = SmtpTestWire.verb(line);
                switch (command) {
                    case "EHLO" -> reply(out, "250-metered.test\r\n250 8BITMIME");
                    case "HELO", "MAIL", "RCPT", "RSET", "NOOP" -> reply(out, "250 2.0.0 OK");
                    case "DATA" -> {
                        reply(out, "354 go ahead");
                        reply(out, transaction(in));
                    }
                    default -> {
                        if (!SmtpTestWire.otherCommand(out, command)) {
                            return;
                        }
                    }
                }
            }
        } catch (IOException e) {
            // the client went away; nothing to do in a test server
        } finally {
            open.decrementAndGet();
        }
    }

    private String transaction(BufferedReader in) throws IOException {
        String messageId = "";
        String dataLine;
        while ((dataLine = in.readLine()) != null && !dataLine.equals(".")) {
            if (dataLine.regionMatches(true, 0, "X-Mailoo-Message-Id:", 0, 20)) {
                messageId = dataLine.substring(20).trim();
            }
        }
        int arrival = arrivals.computeIfAbsent(messageId, id -> new AtomicInteger()).incrementAndGet();
        String answer = dataReply.apply(messageId, arrival);
        waitingForReply.incrementAndGet();
        try {
            if (!replyDelay.isZero()) {
                Thread.sleep(replyDelay.toMillis()); // the slow server this test double stands for
            }
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            waitingForReply.decrementAndGet();
        }
        attempts.add(new Attempt(System.currentTimeMillis(), messageId, answer));
        return answer;
    }

    private static void reply(OutputStream out, String text) throws IOException {
        SmtpTestWire.reply(out, text);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
