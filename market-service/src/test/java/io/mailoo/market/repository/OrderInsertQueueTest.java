package io.mailoo.market.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.mailoo.market.entity.MarketOrder;
import io.smallrye.mutiny.Uni;

/**
 * The group commit's queue, with statements the test completes itself: who goes together, who is answered what, and
 * that a refused group fails only the order at fault. OrderInsertBatchTest runs the real statement on PostgreSQL.
 */
class OrderInsertQueueTest {

    /** A statement the test has not answered yet: its rows and how to answer it. */
    private record Statement(List<NewOrderRow> rows, CompletableFuture<Set<UUID>> answer) {
        Set<UUID> ids() {
            return rows.stream().map(r -> r.order().id).collect(Collectors.toSet());
        }
    }

    private final List<Statement> statements = new ArrayList<>();

    private OrderInsertQueue queue(int running, int maxRows) {
        return new OrderInsertQueue(running, maxRows, rows -> {
            Statement s = new Statement(rows, new CompletableFuture<>());
            statements.add(s);
            return Uni.createFrom().completionStage(s.answer());
        }, IllegalStateException.class::isInstance);
    }

    private static NewOrderRow order() {
        MarketOrder o = new MarketOrder();
        o.id = UUID.randomUUID();
        return new NewOrderRow(o, null);
    }

    /** Subscribes to the insert of {@code row}; the future holds true/false, or the failure. */
    private static CompletableFuture<Boolean> place(OrderInsertQueue queue, NewOrderRow row) {
        return queue.insert(row).subscribeAsCompletionStage().toCompletableFuture();
    }

    @Test
    void anOrderOnAnIdleQueueGoesAtOnceAlone() {
        OrderInsertQueue queue = queue(2, 64);
        NewOrderRow row = order();
        CompletableFuture<Boolean> answer = place(queue, row);
        assertEquals(1, statements.size());
        assertEquals(List.of(row), statements.get(0).rows());
        assertFalse(answer.isDone(), "answered before its statement was");
        statements.get(0).answer().complete(Set.of(row.order().id));
        assertTrue(answer.join());
    }

    @Test
    void ordersArrivingWhileEveryStatementRunsShareTheNextOneUpToMaxRows() {
        OrderInsertQueue queue = queue(1, 3);
        List<NewOrderRow> rows = new ArrayList<>();
        List<CompletableFuture<Boolean>> answers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            rows.add(order());
            answers.add(place(queue, rows.get(i)));
        }
        assertEquals(1, statements.size(), "a second statement ran while one was allowed");
        statements.get(0).answer().complete(statements.get(0).ids());
        assertEquals(2, statements.size());
        assertEquals(rows.subList(1, 4), statements.get(1).rows(), "the next three waiting, in their order");
        statements.get(1).answer().complete(statements.get(1).ids());
        assertEquals(rows.subList(4, 6), statements.get(2).rows());
        statements.get(2).answer().complete(statements.get(2).ids());
        assertEquals(3, statements.size());
        answers.forEach(a -> assertTrue(a.join()));
    }

    @Test
    void eachOrderIsAnsweredWhetherItsOwnRowWasInserted() {
        OrderInsertQueue queue = queue(1, 64);
        NewOrderRow first = order();
        NewOrderRow fresh = order();
        NewOrderRow keyTaken = order();
        CompletableFuture<Boolean> firstAnswer = place(queue, first);
        CompletableFuture<Boolean> freshAnswer = place(queue, fresh);
        CompletableFuture<Boolean> takenAnswer = place(queue, keyTaken);
        statements.get(0).answer().complete(Set.of(first.order().id));
        statements.get(1).answer().complete(Set.of(fresh.order().id));
        assertTrue(firstAnswer.join());
        assertTrue(freshAnswer.join());
        assertFalse(takenAnswer.join(), "an order whose Idempotency-Key was taken is not inserted");
    }

    @Test
    void aGroupThatPostgresqlRefusesIsTriedOrderByOrderSoOnlyTheOrderAtFaultFails() {
        OrderInsertQueue queue = queue(1, 64);
        NewOrderRow first = order();
        NewOrderRow good = order();
        NewOrderRow bad = order();
        place(queue, first);
        CompletableFuture<Boolean> goodAnswer = place(queue, good);
        CompletableFuture<Boolean> badAnswer = place(queue, bad);
        statements.get(0).answer().complete(Set.of(first.order().id));
        IllegalStateException refused = new IllegalStateException("value too long");
        statements.get(1).answer().completeExceptionally(refused);
        assertEquals(4, statements.size(), "each order of the refused group tried alone");
        assertEquals(List.of(good), statements.get(2).rows());
        assertEquals(List.of(bad), statements.get(3).rows());
        statements.get(2).answer().complete(Set.of(good.order().id));
        statements.get(3).answer().completeExceptionally(refused);
        assertTrue(goodAnswer.join());
        assertSame(refused, failure(badAnswer));
    }

    @Test
    void aFailureThatMayHaveWrittenIsNotRetriedAndFailsTheWholeGroup() {
        OrderInsertQueue queue = queue(1, 64);
        place(queue, order());
        CompletableFuture<Boolean> a = place(queue, order());
        CompletableFuture<Boolean> b = place(queue, order());
        statements.get(0).answer().complete(Set.of());
        RuntimeException connectionLost = new RuntimeException("connection closed");
        statements.get(1).answer().completeExceptionally(connectionLost);
        assertEquals(2, statements.size(), "tried again although the statement may have committed");
        assertSame(connectionLost, failure(a));
        assertSame(connectionLost, failure(b));
    }

    @Test
    void aStatementThatThrowsFreesItsPlaceForTheNext() {
        boolean[] thrown = { false };
        OrderInsertQueue queue = new OrderInsertQueue(1, 64, rows -> {
            if (!thrown[0]) {
                thrown[0] = true;
                throw new IllegalArgumentException("cannot encode");
            }
            return Uni.createFrom().item(rows.stream().map(r -> r.order().id).collect(Collectors.toSet()));
        }, e -> false);
        CompletableFuture<Boolean> first = place(queue, order());
        assertNull(first.handle((ok, e) -> ok).join(), "the order whose statement threw failed");
        assertTrue(place(queue, order()).join(), "the queue still runs statements");
    }

    @Test
    void noStatementOrNoRowIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> queue(0, 64));
        assertThrows(IllegalArgumentException.class, () -> queue(2, 0));
    }

    private static Throwable failure(CompletableFuture<Boolean> answer) {
        return answer.handle((ok, e) -> e).join();
    }
}
