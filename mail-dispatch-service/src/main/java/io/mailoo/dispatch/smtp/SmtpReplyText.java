package io.mailoo.dispatch.smtp;

/** Reading an SMTP reply's text the same way wherever a reply ends up in a result. */
public final class SmtpReplyText {

    /** Reply text longer than this is cut: results are for people and dashboards, not for whole server banners. */
    public static final int MAX_LENGTH = 300;

    private SmtpReplyText() {
    }

    /** The enhanced status code (e.g. "5.7.8") the text after the reply code starts with, or null. */
    public static String enhancedCode(String textAfterCode) {
        if (textAfterCode == null) {
            return null;
        }
        String text = textAfterCode.trim();
        int space = text.indexOf(' ');
        String first = space > 0 ? text.substring(0, space) : text;
        return first.matches("[245]\\.\\d{1,3}\\.\\d{1,3}") ? first : null;
    }

    public static String truncate(String text) {
        return text == null || text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH);
    }
}
