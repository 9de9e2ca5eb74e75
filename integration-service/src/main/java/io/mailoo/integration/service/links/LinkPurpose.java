package io.mailoo.integration.service.links;

/** What a signed subscriber link may do; a token of one purpose is refused by the other's route. */
public enum LinkPurpose {
    CONFIRM("c", "confirm"),
    UNSUBSCRIBE("u", "unsubscribe");

    private final String tag;
    private final String pathSegment;

    LinkPurpose(String tag, String pathSegment) {
        this.tag = tag;
        this.pathSegment = pathSegment;
    }

    /** The token's first field. */
    String tag() {
        return tag;
    }

    /** The route under {@code /api/v1/public/subscriptions/}. */
    public String pathSegment() {
        return pathSegment;
    }

    static LinkPurpose ofTag(String tag) {
        for (LinkPurpose purpose : values()) {
            if (purpose.tag.equals(tag)) {
                return purpose;
            }
        }
        return null;
    }
}
