package shop;

// Abuse case for ErrorCodeScan: a code nobody catalogued and a catalogued code at the wrong status.
class ShopRules {
    void check() {
        throw new ProblemException(422, "BOGUS_CODE", "not in the catalogue");
    }

    void limit() {
        throw new ProblemException(500, "LIMIT_INVALID", "catalogued as 400");
    }

    String security() {
        return "STARTTLS"; // a value, not a code: ignored
    }
}
