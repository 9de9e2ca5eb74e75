package io.mailoo.dispatch.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An SMTP server that greets and then answers EHLO without end: continuation lines ("250-…") or one line that never
 * gets its CRLF. It streams for at most {@code streamFor} (so a broken client cannot hang the test) and records
 * whether the client closed the connection first.
 */
public final class HostileSmtpServer implements AutoCloseable {

    public enum Mode { ENDLESS_CONTINUATION_LINES, ENDLESS_LINE_WITHOUT_CRLF }

    private final ServerSocket socket;
    private final Mode mode;
    private final long streamForMillis;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicLong bytesStreamed = new AtomicLong();
    private final CountDownLatch closedByClient = new CountDownLatch(1);

    public HostileSmtpServer(Mode mode, long streamForMillis) throws IOException {
        this.mode = mode;
        this.streamForMillis = streamForMillis;
        this.socket = LoopbackAcceptor.start("hostile-smtp", client -> {
            connections.incrementAndGet();
            serve(client);
        });
    }

    public int port() {
        return socket.getLocalPort();
    }

    public int connections() {
        return connections.get();
    }

    public long bytesStreamed() {
        return bytesStreamed.get();
    }

    /** True when the client closed (or reset) the connection while the server was still streaming. */
    public boolean awaitClosedByClient(long millis) throws InterruptedException {
        return closedByClient.await(millis, TimeUnit.MILLISECONDS);
    }

    private void serve(Socket client) {
        try (client) {
            OutputStream out = client.getOutputStream();
            InputStream in = client.getInputStream();
            out.write("220 hostile.test ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            readLine(in); // EHLO
            byte[] chunk = (mode == Mode.ENDLESS_CONTINUATION_LINES
                    ? "250-HOSTILE-EXTENSION-WITH-A-LONG-NAME-THAT-GOES-ON\r\n".repeat(64)
                    : "250 this line never ends ".repeat(64)).getBytes(StandardCharsets.US_ASCII);
            long until = System.currentTimeMillis() + streamForMillis;
            while (System.currentTimeMillis() < until) {
                out.write(chunk);
                out.flush();
                bytesStreamed.addAndGet(chunk.length);
            }
        } catch (IOException e) {
            closedByClient.countDown(); // the client hung up on us
        }
    }

    private static void readLine(InputStream in) throws IOException {
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            // skip
        }
        if (b == -1) {
            throw new IOException("closed before EHLO");
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
