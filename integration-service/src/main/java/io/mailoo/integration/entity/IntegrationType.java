package io.mailoo.integration.entity;

import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * Kinds of integration and what each can do: the one place that says it. Responses carry these capabilities with
 * every integration ({@code capabilities}), so clients never repeat the rule, and refusals name the types from here.
 */
public enum IntegrationType {
    FORM,
    CONTACT_FORM,
    MARKET,
    WEBHOOK;

    /** FORM, CONTACT_FORM and MARKET may have outboundMail (DESIGN §1). */
    public boolean sendsMail() {
        return this != WEBHOOK;
    }

    /** Public submissions create inbound messages for these. */
    public boolean acceptsSubmissions() {
        return this == FORM || this == CONTACT_FORM;
    }

    /** Public subscriptions create subscribers (and campaigns mail them) for FORM only. */
    public boolean acceptsSubscriptions() {
        return this == FORM;
    }

    /** The types that can do something, for a sentence: "FORM, CONTACT_FORM and MARKET". */
    public static String namesOf(Predicate<IntegrationType> can) {
        List<String> names = Arrays.stream(values()).filter(can).map(Enum::name).toList();
        return names.size() <= 1 ? String.join("", names)
                : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }
}
