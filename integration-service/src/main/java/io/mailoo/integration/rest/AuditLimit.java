package io.mailoo.integration.rest;

import io.mailoo.support.audit.SmtpSettingsAudit;
import io.mailoo.support.http.ProblemException;

/** The audit route's {@code limit}: absent or empty = 50, otherwise a whole number from 1 to 200. */
final class AuditLimit {

    static final int DEFAULT = 50;

    private AuditLimit() {
    }

    static int parse(String limit) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT;
        }
        try {
            int value = Integer.parseInt(limit.trim());
            if (value >= 1 && value <= SmtpSettingsAudit.MAX_LIST) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below like any other out-of-range value
        }
        throw new ProblemException(400, "LIMIT_INVALID",
                "limit must be a whole number from 1 to " + SmtpSettingsAudit.MAX_LIST + ".");
    }
}
