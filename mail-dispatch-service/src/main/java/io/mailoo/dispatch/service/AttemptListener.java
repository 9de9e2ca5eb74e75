package io.mailoo.dispatch.service;

import io.mailoo.dispatch.domain.DispatchOutcome;
import io.mailoo.dispatch.domain.QueuedMail;

/** Hears what becomes of each message a lane or sender took. */
interface AttemptListener {

    /**
     * The message has an outcome: {@code profileVersion} is -1 when none was used; {@code written} (may be null)
     * runs once the outcome is written.
     */
    void finished(QueuedMail mail, DispatchOutcome outcome, long profileVersion, boolean attempted, Runnable written);

    /** The message leaves memory without an attempt: this process no longer holds (or no longer wants) its lease. */
    void abandoned(QueuedMail mail);
}
