package io.mailoo.dispatch.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import io.mailoo.contracts.events.MailPurpose;
import io.mailoo.contracts.events.SmtpSecurity;
import io.mailoo.contracts.events.SmtpServer;
import io.mailoo.contracts.events.ProfileRef;
import io.mailoo.contracts.events.SendMailRequested;
import io.mailoo.contracts.validation.HeaderValueValidator;
import io.mailoo.contracts.validation.MailAddressValidator;
import io.mailoo.dispatch.config.DispatchSettings;
import io.mailoo.dispatch.domain.DispatchOutcome;
import io.mailoo.dispatch.domain.ErrorCodes;

/**
 * Decides whether a decoded request may be attempted at all. A refusal is final (REJECTED): nothing is sent and
 * nothing is retried.
 */
@ApplicationScoped
public class RequestValidator {

    static final int MAX_RECIPIENTS = 50;
    static final int MAX_SUBJECT_LENGTH = 998;
    static final int MAX_BODY_CHARS = 2_000_000;
    static final Set<String> RESERVED_HEADERS = Set.of("from", "to", "cc", "bcc", "subject", "reply-to", "sender",
            "return-path", "message-id", "date", "mime-version", "content-type", "content-transfer-encoding");

    private final Duration testMaxLifetime;

    public RequestValidator(DispatchSettings settings) {
        this.testMaxLifetime = settings.testMaxLifetime();
    }

    /** Returns the refusal, or empty when the request may go on to profile lookup and sending. */
    public Optional<DispatchOutcome> refusal(SendMailRequested request, Instant now) {
        return Optional.ofNullable(firstProblem(request, now)).map(DispatchOutcome::rejected);
    }

    private String firstProblem(SendMailRequested r, Instant now) {
        if (r.purpose() == null) {
            return ErrorCodes.REQUEST_INVALID;
        }
        if (r.purpose() == MailPurpose.UNKNOWN) {
            return ErrorCodes.PURPOSE_UNKNOWN; // a newer producer's purpose: which profiles it may use is not known here
        }
        ProfileRef ref;
        try {
            ref = ProfileRef.parse(r.profileRef());
        } catch (IllegalArgumentException e) {
            return ErrorCodes.REQUEST_INVALID;
        }
        if (ref.isPlatform() != (r.purpose() == MailPurpose.PLATFORM_NOTIFICATION)) {
            return ErrorCodes.PURPOSE_NOT_ALLOWED;
        }
        if ((r.purpose() == MailPurpose.SMTP_TEST) != (r.inlineProfile() != null)) {
            return ErrorCodes.REQUEST_INVALID;
        }
        if (r.purpose() == MailPurpose.SMTP_TEST) {
            String inlineProblem = inlineProfileProblem(r, now);
            if (inlineProblem != null) {
                return inlineProblem;
            }
        }
        String headerProblem = headerProblem(r);
        if (headerProblem != null) {
            return headerProblem;
        }
        List<String> recipients = Stream.of(r.to(), r.cc(), r.bcc()).flatMap(List::stream).toList();
        if (r.to().isEmpty() || recipients.size() > MAX_RECIPIENTS) {
            return ErrorCodes.REQUEST_INVALID;
        }
        if (!recipients.stream().allMatch(MailAddressValidator::isValid)
                || (r.replyTo() != null && !MailAddressValidator.isValid(r.replyTo()))) {
            return ErrorCodes.ADDRESS_INVALID;
        }
        if (r.subject() == null || r.subject().isBlank() || r.subject().length() > MAX_SUBJECT_LENGTH) {
            return ErrorCodes.REQUEST_INVALID;
        }
        if ((r.text() == null && r.html() == null) || length(r.text()) + length(r.html()) > MAX_BODY_CHARS) {
            return ErrorCodes.REQUEST_INVALID;
        }
        return null;
    }

    private String inlineProfileProblem(SendMailRequested r, Instant now) {
        if (r.requestedAt() == null || r.expiresAt() == null || r.inlineProfile().smtp() == null) {
            return ErrorCodes.REQUEST_INVALID;
        }
        if (r.expiresAt().isAfter(r.requestedAt().plus(testMaxLifetime)) || !now.isBefore(r.expiresAt())) {
            return ErrorCodes.INLINE_PROFILE_EXPIRED;
        }
        return securityProblem(r.inlineProfile().smtp());
    }

    /**
     * A server whose security mode this dispatcher does not know (a newer producer's, decoded as UNKNOWN) or that
     * names none is never connected to: guessing could send a login in clear.
     */
    public static String securityProblem(SmtpServer smtp) {
        return smtp.security() == null || smtp.security() == SmtpSecurity.UNKNOWN ? ErrorCodes.SMTP_SECURITY_UNKNOWN
                : null;
    }

    /** Line breaks anywhere a header is built from are header injection, whatever else is wrong. */
    private static String headerProblem(SendMailRequested r) {
        boolean lineBreak = HeaderValueValidator.hasLineBreak(r.subject())
                || HeaderValueValidator.hasLineBreak(r.replyTo())
                || Stream.of(r.to(), r.cc(), r.bcc()).flatMap(List::stream)
                        .anyMatch(HeaderValueValidator::hasLineBreak);
        if (lineBreak || !HeaderValueValidator.isSafeValue(r.subject())) {
            return ErrorCodes.HEADER_INJECTION;
        }
        for (Map.Entry<String, String> header : r.headers().entrySet()) {
            if (!HeaderValueValidator.isValidName(header.getKey())
                    || !HeaderValueValidator.isSafeValue(header.getValue())) {
                return ErrorCodes.HEADER_INJECTION;
            }
            if (RESERVED_HEADERS.contains(header.getKey().toLowerCase())) {
                return ErrorCodes.REQUEST_INVALID;
            }
        }
        return null;
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }
}
