package io.mailoo.contracts.validation;

import java.util.regex.Pattern;

/**
 * Accepts a plain addr-spec ({@code local@domain}) that is safe to put in an SMTP envelope and a header: no
 * display name, no CR/LF or other control characters, at most 254 characters, a dotted domain.
 */
public final class MailAddressValidator {

    private static final Pattern LOCAL = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final int MAX_LENGTH = 254;
    private static final int MAX_LOCAL_LENGTH = 64;

    private MailAddressValidator() {
    }

    public static boolean isValid(String address) {
        if (address == null || address.isEmpty() || address.length() > MAX_LENGTH
                || HeaderValueValidator.hasControlCharacter(address)) {
            return false;
        }
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1) {
            return false;
        }
        String local = address.substring(0, at);
        String domain = address.substring(at + 1);
        if (local.length() > MAX_LOCAL_LENGTH || !LOCAL.matcher(local).matches()) {
            return false;
        }
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2) {
            return "localhost".equalsIgnoreCase(domain);
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@link #isValid} and, for addresses anyone on the internet may type into a public form: a dotted DNS domain
     * whose top-level label is not all digits, so no {@code x@localhost}, {@code x@127.0.0.1} or {@code x@[::1]}
     * turns a public route into mail towards the platform's own hosts.
     */
    public static boolean isPublicRecipient(String address) {
        if (!isValid(address)) {
            return false;
        }
        String domain = address.substring(address.lastIndexOf('@') + 1);
        int dot = domain.lastIndexOf('.');
        return dot > 0 && !domain.substring(dot + 1).chars().allMatch(Character::isDigit);
    }
}
