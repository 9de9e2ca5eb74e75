package io.mailoo.integration.service;

import io.mailoo.contracts.smtp.FieldError;

/** What a campaign may be today: ON_EVENT / SUBSCRIBER_CREATED, with templates of the documented placeholders only. */
public final class CampaignRules {

    public static final String ON_EVENT = "ON_EVENT";
    public static final String SUBSCRIBER_CREATED = "SUBSCRIBER_CREATED";
    static final int MAX_TEMPLATE = 100_000;

    private CampaignRules() {
    }

    public static void validate(String name, String trigger, String event, String subject, String body) {
        InputRules rules = InputRules.check().name("name", name, 100).name("subject", subject, 300);
        if (!ON_EVENT.equals(trigger)) {
            rules.add(new FieldError("trigger", "CAMPAIGN_TRIGGER_INVALID", "trigger must be ON_EVENT."));
        }
        if (!SUBSCRIBER_CREATED.equals(event)) {
            rules.add(new FieldError("event", "CAMPAIGN_EVENT_INVALID", "event must be SUBSCRIBER_CREATED."));
        }
        boolean bodyFits = body != null && !body.isBlank() && body.length() <= MAX_TEMPLATE;
        if (!bodyFits) {
            rules.add(new FieldError("bodyTemplate", "TEMPLATE_REQUIRED",
                    "Enter a body template of at most 100000 characters."));
        }
        rules.addAll(WelcomeTemplates.check(subject, bodyFits ? body : null));
        rules.orFail();
    }
}
