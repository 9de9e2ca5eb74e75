package io.mailoo.dispatch.service;

import io.mailoo.dispatch.domain.DispatchOutcome;
import io.mailoo.dispatch.domain.QueuedMail;

/** Hears the outcome of each message a lane or sender took: {@code profileVersion} is -1 when none was used. */
@FunctionalInterface
interface AttemptListener {
    void finished(QueuedMail mail, DispatchOutcome outcome, long profileVersion, boolean attempted);
}
