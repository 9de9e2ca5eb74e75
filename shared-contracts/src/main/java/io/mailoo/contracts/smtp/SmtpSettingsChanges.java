package io.mailoo.contracts.smtp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The names of the SMTP fields a save changes, for the audit trail (names only, never values). */
public final class SmtpSettingsChanges {

    private SmtpSettingsChanges() {
    }

    /**
     * @param before   what is stored (its password ignored), or null when nothing is
     * @param hadPassword whether a password is stored now
     * @param after    the request
     * @param password what the save does with the password
     */
    public static List<String> between(SmtpSettingsInput before, boolean hadPassword, SmtpSettingsInput after,
            PasswordChange password) {
        List<String> changed = new ArrayList<>();
        add(changed, "host", before == null ? null : before.host(), after.host(), true);
        add(changed, "port", before == null ? null : before.port(), after.port(), false);
        add(changed, "security", before == null ? null : before.security(), after.security(), false);
        add(changed, "username", before == null ? null : before.username(), after.username(), false);
        if (password == PasswordChange.NEW || (password == PasswordChange.NONE && hadPassword)) {
            changed.add("password");
        }
        add(changed, "fromAddress", before == null ? null : before.fromAddress(), after.fromAddress(), true);
        add(changed, "fromName", before == null ? null : before.fromName(), after.fromName(), false);
        add(changed, "replyTo", before == null ? null : before.replyTo(), after.replyTo(), true);
        add(changed, "provider", before == null ? null : before.provider(), after.provider(), false);
        add(changed, "limits", before == null ? null : emptyToNull(before.limits()), emptyToNull(after.limits()),
                false);
        return changed;
    }

    private static void add(List<String> changed, String name, Object before, Object after, boolean ignoreCase) {
        Object b = blankToNull(before);
        Object a = blankToNull(after);
        boolean same = ignoreCase && b instanceof String bs && a instanceof String as ? bs.equalsIgnoreCase(as)
                : Objects.equals(b, a);
        if (!same) {
            changed.add(name);
        }
    }

    /** Limits with no value set are the same as none. */
    private static Object emptyToNull(io.mailoo.contracts.events.ProfileLimits limits) {
        return limits == null || (limits.maxConnections() == null && limits.messagesPerMinute() == null
                && limits.recipientsPerDay() == null) ? null : limits;
    }

    private static Object blankToNull(Object value) {
        return value instanceof String s && s.isBlank() ? null : value;
    }
}
