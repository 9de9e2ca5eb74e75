package io.mailoo.contracts.json;

/** A payload that is not a valid event of the expected type; the message names the type, never the payload. */
public class EventDecodingException extends RuntimeException {

    public EventDecodingException(Class<?> type, Throwable cause) {
        super("not a valid " + type.getSimpleName() + " (" + cause.getClass().getSimpleName() + ")");
    }
}
