package io.mailoo.integration.service;

import io.mailoo.contracts.events.MailDispatchResult;
import io.mailoo.contracts.events.MailStatus;
import io.mailoo.support.http.ProblemException;

/** How a test's dispatch result is answered, and the one code the audit trail keeps for it. */
public final class SmtpTestOutcomes {

    public static final String TIMEOUT = "SMTP_TEST_TIMEOUT";

    private SmtpTestOutcomes() {
    }

    /** The SENT result; otherwise 504 (no answer in time) or 502 with dispatch's errorCode and the server's reply. */
    public static MailDispatchResult sentOrThrow(MailDispatchResult result) {
        if (result == null) {
            throw new ProblemException(504, TIMEOUT,
                    "No answer from the mail dispatcher in time; the test may still arrive.");
        }
        if (result.status() != MailStatus.SENT) {
            String code = failureCode(result);
            String said = result.smtp() == null || result.smtp().message() == null ? ""
                    : " The server said: " + result.smtp().code() + " " + result.smtp().message();
            throw new ProblemException(502, code, "The test email was not sent (" + code + ")." + said);
        }
        return result;
    }

    /** SENT, or the code the caller was answered with. */
    public static String code(MailDispatchResult sent, Throwable failure) {
        if (failure == null) {
            return MailStatus.SENT.name();
        }
        return failure instanceof ProblemException problem ? problem.code() : "INTERNAL_ERROR";
    }

    private static String failureCode(MailDispatchResult result) {
        return result.errorCode() != null ? result.errorCode() : result.status().name();
    }
}
