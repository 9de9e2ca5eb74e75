package io.mailoo.apiclient;

/** What ./mailoo test --api hands the flow test: the gateway, the SMTP catcher and two dev users' tokens. */
record FlowSettings(String gatewayUrl, String catcherApi, int catcherSmtpPort, String run, String ownerEmail,
        String ownerToken, String strangerToken) {

    static FlowSettings fromEnvironment() {
        return new FlowSettings(env("MAILOO_GATEWAY_URL"), env("MAILOO_CATCHER_API"),
                Integer.parseInt(env("MAILOO_CATCHER_SMTP_PORT")), env("MAILOO_API_RUN"), env("MAILOO_API_OWNER_EMAIL"),
                env("MAILOO_API_OWNER_TOKEN"), env("MAILOO_API_STRANGER_TOKEN"));
    }

    private static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: run this test with ./mailoo test --api");
        }
        return value;
    }

    /** An address of this run (its own domain, so runs never read each other's mail at the catcher). */
    String address(String local) {
        return local + "-" + run + "@api-" + run + ".test";
    }
}
