package io.mailoo.market.repository;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Group commit for new orders. At most {@code statements} inserts run at once; orders that arrive meanwhile wait here
 * and go together, up to {@code maxRows}, in the next statement: one transaction, one WAL flush and one round trip for
 * all of them instead of one each. An order that finds a statement free goes at once, so an idle service adds no wait;
 * the orders group only while PostgreSQL is busy, which is when a transaction per order costs the most.
 * Each caller is answered on its own Vert.x context, as if it had run its own statement. A group that PostgreSQL
 * refuses wrote nothing (one statement); its orders are then tried one by one, so only the order at fault fails.
 */
final class OrderInsertQueue {

    /** An order waiting for its statement, and whom to answer. */
    record Pending(NewOrderRow row, Context context, UniEmitter<? super Boolean> emitter) {
    }

    private final int statements;
    private final int maxRows;
    /** Runs one statement for the rows and answers the ids it inserted (the others' Idempotency-Key was taken). */
    private final Function<List<NewOrderRow>, Uni<Set<UUID>>> insert;
    /** Whether a failed statement wrote nothing and is worth trying again order by order (PostgreSQL refused it). */
    private final Predicate<Throwable> refused;
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    private int running;

    OrderInsertQueue(int statements, int maxRows, Function<List<NewOrderRow>, Uni<Set<UUID>>> insert,
            Predicate<Throwable> refused) {
        if (statements < 1 || maxRows < 1) {
            throw new IllegalArgumentException("statements and maxRows must be at least 1");
        }
        this.statements = statements;
        this.maxRows = maxRows;
        this.insert = insert;
        this.refused = refused;
    }

    /** True when the order was inserted; false when its integration already had an order with its Idempotency-Key. */
    Uni<Boolean> insert(NewOrderRow row) {
        return Uni.createFrom().emitter(emitter -> {
            List<Pending> batch;
            synchronized (this) {
                waiting.add(new Pending(row, Vertx.currentContext(), emitter));
                batch = nextBatch();
            }
            if (batch != null) {
                run(batch);
            }
        });
    }

    /** How many orders wait for a statement now (tests hold the statements back and watch the queue fill). */
    synchronized int waiting() {
        return waiting.size();
    }

    /** The waiting orders, up to maxRows, when a statement is free (and counts it as running); else null. */
    private List<Pending> nextBatch() {
        if (running >= statements || waiting.isEmpty()) {
            return null;
        }
        running++;
        List<Pending> batch = new ArrayList<>(Math.min(waiting.size(), maxRows));
        while (batch.size() < maxRows && !waiting.isEmpty()) {
            batch.add(waiting.poll());
        }
        return batch;
    }

    private void run(List<Pending> batch) {
        statement(batch.stream().map(Pending::row).toList()).subscribe().with(inserted -> {
            finished();
            for (Pending p : batch) {
                answer(p, inserted.contains(p.row().order().id), null);
            }
        }, failure -> {
            finished();
            if (batch.size() > 1 && refused.test(failure)) {
                // one order's fault must not fail the others: each is tried alone and answered on its own
                for (Pending p : batch) {
                    statement(List.of(p.row())).subscribe().with(
                            inserted -> answer(p, inserted.contains(p.row().order().id), null),
                            alone -> answer(p, false, alone));
                }
            } else {
                for (Pending p : batch) {
                    answer(p, false, failure);
                }
            }
        });
    }

    private Uni<Set<UUID>> statement(List<NewOrderRow> rows) {
        try {
            return insert.apply(rows);
        } catch (RuntimeException e) {
            return Uni.createFrom().failure(e);
        }
    }

    private void finished() {
        List<Pending> next;
        synchronized (this) {
            running--;
            next = nextBatch();
        }
        if (next != null) {
            run(next);
        }
    }

    private static void answer(Pending p, boolean inserted, Throwable failure) {
        Runnable emit = failure == null ? () -> p.emitter().complete(inserted) : () -> p.emitter().fail(failure);
        if (p.context() == null || p.context() == Vertx.currentContext()) {
            emit.run();
        } else {
            p.context().runOnContext(ignored -> emit.run());
        }
    }
}
