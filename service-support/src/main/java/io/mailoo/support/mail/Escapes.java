package io.mailoo.support.mail;

/** How a value goes into each kind of output: the mails and pages of integration- and market-service. */
public final class Escapes {

    private Escapes() {
    }

    /** HTML text and attribute values: the five characters that could open markup or end a quoted attribute. */
    public static String html(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A header (the subject): CR, LF and every other control character become a space. */
    public static String headerText(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            out.append(Character.isISOControl(c) ? ' ' : c);
        }
        return out.toString();
    }
}
