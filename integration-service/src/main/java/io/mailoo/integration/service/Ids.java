package io.mailoo.integration.service;

import java.util.UUID;

import io.mailoo.support.http.ProblemException;

/** Path ids: anything that is not a UUID names nothing, so it is a 404 like an unknown id. */
public final class Ids {

    private Ids() {
    }

    public static UUID parse(String value, String code, String what) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ProblemException.notFound(code, "No such " + what + ".");
        }
    }
}
