package io.mailoo.dispatch.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicInteger;

/** A loopback port that counts the connections made to it and closes each at once: "did anyone connect here?". */
public final class ListeningServer implements AutoCloseable {

    private final ServerSocket socket;
    private final AtomicInteger connections = new AtomicInteger();

    public ListeningServer() throws IOException {
        socket = LoopbackAcceptor.start("listening", client -> {
            connections.incrementAndGet();
            try {
                client.close();
            } catch (IOException e) {
                // already gone
            }
        });
    }

    public int port() {
        return socket.getLocalPort();
    }

    public int connections() {
        return connections.get();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
