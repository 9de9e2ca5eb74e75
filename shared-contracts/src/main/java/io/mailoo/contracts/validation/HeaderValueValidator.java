package io.mailoo.contracts.validation;

/**
 * Refuses header values that could inject headers or commands: CR, LF and the other control characters.
 */
public final class HeaderValueValidator {

    private static final int MAX_HEADER_NAME_LENGTH = 76;

    private HeaderValueValidator() {
    }

    public static boolean hasLineBreak(String value) {
        return value != null && (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0);
    }

    /** True for CR, LF, NUL and the other C0 controls except TAB, and DEL. */
    public static boolean hasControlCharacter(String value) {
        if (value == null) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    /** A safe header value: null or free of control characters. */
    public static boolean isSafeValue(String value) {
        return !hasControlCharacter(value);
    }

    /** A header field name as RFC 5322 allows it: printable ASCII without ':' or space. */
    public static boolean isValidName(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_HEADER_NAME_LENGTH) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= 32 || c >= 127 || c == ':') {
                return false;
            }
        }
        return true;
    }
}
