package io.mailoo.dispatch.rest;

import java.util.List;

/** A page of the delivery log, newest first; {@code nextCursor} (null on the last page) asks for the next one. */
public record DeliveryLogPage(List<DeliveryLogEntryView> messages, String nextCursor) {
}
