package io.mailoo.contracts.errors;

/** Who meets an error code, which decides whether the dashboard must explain it in its own words. */
public enum Audience {
    /** A person in the dashboard can meet it (a banner, a mail's error, the operator's dispatch log): the dashboard has a sentence for it. */
    DASHBOARD,
    /** Only in {@code errors[]} beside one field: the dashboard shows the server's sentence next to that field. */
    FIELD,
    /** Only API callers meet it (integrators with API keys, public forms, operators' tools). */
    API
}
