package io.mailoo.dispatch.rest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.mailoo.contracts.events.MailPurpose;
import io.mailoo.contracts.events.MailStatus;
import io.mailoo.contracts.smtp.FieldError;
import io.mailoo.dispatch.domain.LogFilter;
import io.mailoo.dispatch.domain.MessageRecord;
import io.mailoo.dispatch.repository.DispatchMessageRepository;
import io.mailoo.support.http.ProblemException;

/**
 * The delivery log's query parameters, checked before anything is read: a value out of its set or range is a 400
 * problem+json naming the parameter (as the operators' log answers), never a query.
 */
final class DeliveryLogParameters {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;
    static final int MAX_RECIPIENT_FILTER = 254;

    /** QUEUED (a row's status before its first outcome) and every published MailStatus. */
    static final Set<String> STATUSES = Stream.concat(Stream.of(DispatchMessageRepository.QUEUED),
            Arrays.stream(MailStatus.values()).filter(s -> s != MailStatus.UNKNOWN).map(Enum::name))
            .collect(Collectors.toCollection(LinkedHashSet::new));
    static final Set<String> PURPOSES = Arrays.stream(MailPurpose.values()).filter(p -> p != MailPurpose.UNKNOWN)
            .map(Enum::name).collect(Collectors.toCollection(LinkedHashSet::new));

    private DeliveryLogParameters() {
    }

    static LogFilter filter(String status, String purpose, String recipient, String since, String cursor) {
        if (status != null && !STATUSES.contains(status)) {
            throw bad("status", "STATUS_INVALID", "status must be one of " + String.join(", ", STATUSES));
        }
        if (purpose != null && !PURPOSES.contains(purpose)) {
            throw bad("purpose", "PURPOSE_INVALID", "purpose must be one of " + String.join(", ", PURPOSES));
        }
        String recipientFilter = recipient == null || recipient.isBlank() ? null : recipient.trim();
        if (recipientFilter != null && (recipientFilter.length() > MAX_RECIPIENT_FILTER
                || recipientFilter.chars().anyMatch(Character::isISOControl))) {
            throw bad("recipient", "RECIPIENT_FILTER_INVALID", "recipient must be at most " + MAX_RECIPIENT_FILTER
                    + " characters without control characters");
        }
        Instant sinceInstant = null;
        if (since != null) {
            try {
                sinceInstant = Instant.parse(since);
            } catch (DateTimeParseException e) {
                throw bad("since", "SINCE_INVALID", "since must be an ISO-8601 instant, e.g. 2026-11-24T10:00:00Z");
            }
        }
        return new LogFilter(status, purpose, recipientFilter, sinceInstant, cursor == null ? null : cursor(cursor));
    }

    static int limit(String limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw bad("limit", "LIMIT_INVALID", "limit must be a whole number from 1 to " + MAX_LIMIT);
    }

    static UUID messageId(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("MAIL_NOT_FOUND", "The mail does not exist in this delivery log.");
        }
    }

    /** The cursor that continues after {@code last}: its creation time (microseconds) and id, base64url. */
    static String cursorAfter(MessageRecord last) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, last.createdAt());
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((micros + "~" + last.messageId()).getBytes(StandardCharsets.UTF_8));
    }

    private static LogFilter.Cursor cursor(String value) {
        try {
            if (value.length() > 100) {
                throw new IllegalArgumentException("too long");
            }
            String decoded = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
            int tilde = decoded.indexOf('~');
            long micros = Long.parseLong(decoded.substring(0, tilde));
            return new LogFilter.Cursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS),
                    UUID.fromString(decoded.substring(tilde + 1)));
        } catch (RuntimeException e) {
            throw bad("cursor", "CURSOR_INVALID", "cursor must be a nextCursor the delivery log handed out");
        }
    }

    /** A 400 whose errors[] names the query or path parameter at fault, as the domain services' 422s do. */
    static ProblemException bad(String parameter, String code, String message) {
        return new ProblemException(400, code, message, List.of(new FieldError(parameter, code, message)));
    }
}
