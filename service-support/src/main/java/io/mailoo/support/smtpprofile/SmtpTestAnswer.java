package io.mailoo.support.smtpprofile;

import io.mailoo.contracts.events.MailDispatchResult;
import io.mailoo.contracts.events.MailStatus;
import io.mailoo.contracts.events.SendMailRequested;
import io.mailoo.support.http.ProblemException;

/** How a test's dispatch result is answered over HTTP, and the one code the audit trail keeps for it. */
public final class SmtpTestAnswer {

    public static final String TIMEOUT = "SMTP_TEST_TIMEOUT";
    /** A failed result that carries no errorCode of its own (dispatch always sets one; this is the safety net). */
    public static final String FAILED = "SMTP_TEST_FAILED";

    private SmtpTestAnswer() {
    }

    /**
     * 200 with the view when SENT; 504 SMTP_TEST_TIMEOUT when no result came in time (null); otherwise 502 with
     * dispatch's errorCode and the server's reply in the detail.
     */
    public static SmtpTestView view(SendMailRequested request, MailDispatchResult result) {
        if (result == null) {
            throw new ProblemException(504, TIMEOUT,
                    "No answer from the mail dispatcher in time; the test email may still arrive. Nothing was saved.");
        }
        if (result.status() != MailStatus.SENT) {
            String code = result.errorCode() != null ? result.errorCode() : FAILED;
            String said = result.smtp() == null || result.smtp().message() == null ? ""
                    : " The server said: " + result.smtp().code() + " " + result.smtp().message();
            throw new ProblemException(502, code, "The test email was not sent (" + code + ")." + said);
        }
        return new SmtpTestView(MailStatus.SENT.name(), request.to().get(0), result.smtp() == null ? null
                : new SmtpTestView.Smtp(result.smtp().code(), result.smtp().message()));
    }

    /** SENT, or the code the caller was answered with. */
    public static String outcome(Throwable failure) {
        if (failure == null) {
            return MailStatus.SENT.name();
        }
        return failure instanceof ProblemException problem ? problem.code() : "INTERNAL_ERROR";
    }
}
