package io.mailoo.dispatch.smtp;

import java.util.regex.Pattern;

import io.mailoo.contracts.events.SmtpReply;

/** Reading an SMTP reply's text the same way wherever a reply ends up in a result. */
public final class SmtpReplyText {

    /** Reply text longer than this is cut: results are for people and dashboards, not for whole server banners. */
    public static final int MAX_LENGTH = 300;
    /** Compiled once: every sent mail's reply is read (String.matches compiles the pattern on each call). */
    private static final Pattern ENHANCED_CODE = Pattern.compile("[245]\\.\\d{1,3}\\.\\d{1,3}");

    private SmtpReplyText() {
    }

    /**
     * A result's reply from one reply line ("550 5.1.1 no such user"): its code, the enhanced status code the text
     * starts with if any, and the text after the code, cut to {@link #MAX_LENGTH}.
     */
    public static SmtpReply reply(int code, String line) {
        String text = line == null ? "" : line.length() > 4 ? line.substring(4).trim() : "";
        return new SmtpReply(code, enhancedCode(text), truncate(text));
    }

    /** The enhanced status code (e.g. "5.7.8") the text after the reply code starts with, or null. */
    public static String enhancedCode(String textAfterCode) {
        if (textAfterCode == null) {
            return null;
        }
        String text = textAfterCode.trim();
        int space = text.indexOf(' ');
        String first = space > 0 ? text.substring(0, space) : text;
        return ENHANCED_CODE.matcher(first).matches() ? first : null;
    }

    public static String truncate(String text) {
        return text == null || text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH);
    }
}
