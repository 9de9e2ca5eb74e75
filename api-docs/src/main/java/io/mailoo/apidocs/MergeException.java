package io.mailoo.apidocs;

/** The documents cannot be merged without one of them losing a route, a client method or a schema. */
public class MergeException extends RuntimeException {

    public MergeException(String message) {
        super(message);
    }
}
