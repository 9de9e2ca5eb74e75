package io.mailoo.support.mutiny;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.smallrye.mutiny.subscription.Cancellable;

class RunToCompletionTest {

    @Test
    void cancellingTheCallerDoesNotCancelTheWork() {
        AtomicBoolean workCancelled = new AtomicBoolean();
        AtomicBoolean workFinished = new AtomicBoolean();
        UniEmitter<? super String>[] inner = new UniEmitter[1];
        Uni<String> work = Uni.createFrom().<String>emitter(e -> inner[0] = e)
                .onCancellation().invoke(() -> workCancelled.set(true))
                .invoke(() -> workFinished.set(true));
        AtomicBoolean callerGotItem = new AtomicBoolean();

        Cancellable caller = RunToCompletion.of(work).subscribe().with(item -> callerGotItem.set(true));
        caller.cancel();
        inner[0].complete("committed");

        assertFalse(workCancelled.get(), "the work was cancelled");
        assertTrue(workFinished.get(), "the work did not finish");
        assertFalse(callerGotItem.get(), "a cancelled caller got the item");
    }

    @Test
    void itemsAndFailuresReachACallerThatWaits() {
        assertEquals("ok", RunToCompletion.of(Uni.createFrom().item("ok")).await().indefinitely());
        IllegalStateException failure = new IllegalStateException("rolled back");
        Throwable seen = RunToCompletion.of(Uni.createFrom().failure(failure)).onFailure().recoverWithItem(f -> f)
                .await().indefinitely() instanceof Throwable t ? t : null;
        assertEquals(failure, seen);
    }
}
