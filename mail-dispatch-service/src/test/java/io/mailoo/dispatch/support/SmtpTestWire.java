package io.mailoo.dispatch.support;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** The line-level SMTP of the test servers: one place for how a command is read and a reply written. */
final class SmtpTestWire {

    private SmtpTestWire() {
    }

    /** The command's verb, upper-cased and cut to four letters ("STARTTLS" → "STAR"). */
    static String verb(String line) {
        return (line.length() >= 4 ? line.substring(0, 4) : line).toUpperCase();
    }

    static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /**
     * Answers the commands every test server treats alike: QUIT (returns false: the dialogue ends) and anything
     * unknown (502).
     */
    static boolean otherCommand(OutputStream out, String verb) throws IOException {
        if ("QUIT".equals(verb)) {
            reply(out, "221 bye");
            return false;
        }
        reply(out, "502 5.5.2 not implemented");
        return true;
    }
}
