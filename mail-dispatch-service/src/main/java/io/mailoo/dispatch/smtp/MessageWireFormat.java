package io.mailoo.dispatch.smtp;

import java.util.Map;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.mailencoder.EncodedPart;
import io.vertx.ext.mail.mailencoder.MailEncoder;

/**
 * The DATA section of a message as one buffer: the Vert.x MIME encoder's parts (headers, bodies, boundaries) with
 * CRLF line ends, leading dots doubled (RFC 5321 4.5.2) and the terminating "." line. One buffer instead of one
 * write per line is what makes a send cheap (docs/benchmarks.md).
 */
final class MessageWireFormat {

    private MessageWireFormat() {
    }

    record Encoded(Buffer data, String messageId) {
    }

    static Encoded encode(MailMessage message, String ownHostname) {
        MailEncoder encoder = new MailEncoder(message, ownHostname);
        EncodedPart root = encoder.encodeMail();
        int size = approximateSize(root);
        StringBuilder out = new StringBuilder(size + size / 16 + 256);
        appendPart(out, root);
        out.append(".\r\n");
        return new Encoded(Buffer.buffer(out.toString()), encoder.getMessageID());
    }

    /**
     * The part's length before line ends and dots are added. Not {@link EncodedPart#size()}: that builds the whole
     * message as one more string only to measure it, a fifth of everything dispatch allocated in a burst
     * (async-profiler, docs/benchmarks.md).
     */
    static int approximateSize(EncodedPart part) {
        int size = 0;
        for (Map.Entry<String, String> header : part.headers()) {
            size += header.getKey().length() + header.getValue().length() + 4;
        }
        if (part.parts() != null) {
            for (EncodedPart child : part.parts()) {
                size += approximateSize(child) + (part.boundary() == null ? 0 : part.boundary().length()) + 6;
            }
        } else if (part.body() != null) {
            size += part.body().length();
        }
        return size + 2;
    }

    private static void appendPart(StringBuilder out, EncodedPart part) {
        appendHeaders(out, part.headers());
        if (part.parts() != null && !part.parts().isEmpty()) {
            String boundary = "--" + part.boundary();
            for (EncodedPart child : part.parts()) {
                out.append(boundary).append("\r\n");
                appendPart(out, child);
            }
            out.append(boundary).append("--\r\n");
        } else if (part.body() != null) {
            appendLines(out, part.body());
        } else {
            // attachments given as streams: dispatch never builds such messages
            throw new IllegalArgumentException("a message part without a body cannot be sent");
        }
    }

    private static void appendHeaders(StringBuilder out, MultiMap headers) {
        for (Map.Entry<String, String> header : headers) {
            out.append(header.getKey()).append(": ");
            appendLines(out, header.getValue()); // folded values keep their continuation lines
        }
        out.append("\r\n");
    }

    /** Text as lines ending in CRLF, whatever line ends it had, with a dot at a line start doubled. */
    private static void appendLines(StringBuilder out, String text) {
        int length = text.length();
        int start = 0;
        while (start <= length) {
            if (start == length && length > 0) {
                break; // text ending in a line break: no empty line after it
            }
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = length;
            }
            int lineEnd = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
            if (lineEnd > start && text.charAt(start) == '.') {
                out.append('.');
            }
            out.append(text, start, lineEnd).append("\r\n");
            start = end + 1;
            if (end == length) {
                break;
            }
        }
    }
}
