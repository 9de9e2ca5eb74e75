package io.mailoo.market.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.mailoo.contracts.events.MailPurpose;
import io.mailoo.contracts.events.MailSource;
import io.mailoo.contracts.events.ProfileRef;
import io.mailoo.contracts.events.SendMailRequested;
import io.mailoo.market.config.MarketSettings;
import io.mailoo.market.entity.MarketOrder;
import io.mailoo.support.mail.Escapes;

/**
 * The buyer's ORDER_CONFIRMATION request: text and HTML bodies from {@link OrderConfirmationBodies} (HTML escaped),
 * addressed to the buyer through the integration's own profile, naming the profile version this service saw so
 * that dispatch waits for it rather than using an older one.
 */
@ApplicationScoped
public class OrderConfirmationMail {

    public static final String SOURCE_SERVICE = "market-service";
    public static final String ENTITY_TYPE = "order";

    private final MarketSettings settings;

    public OrderConfirmationMail(MarketSettings settings) {
        this.settings = settings;
    }

    public SendMailRequested request(MarketOrder order, List<OrderLine> lines, String shopName, long profileVersion,
            Instant now) {
        String shop = shopName == null || shopName.isBlank() ? "our shop" : oneLine(shopName);
        String orderRef = orderRef(order.id);
        ConfirmationContent content = ConfirmationContent.of(shop, order.buyerName, orderRef, lines,
                order.totalMinor, order.currency, order.note);
        return new SendMailRequested(order.mailMessageId, ProfileRef.integration(order.integrationId).toString(),
                profileVersion, MailPurpose.ORDER_CONFIRMATION, order.projectUid,
                new MailSource(SOURCE_SERVICE, ENTITY_TYPE, order.id.toString()), List.of(order.buyerEmail), null,
                null, null, "Your order " + orderRef + " at " + shop, OrderConfirmationBodies.text(content),
                OrderConfirmationBodies.html(content), Map.of(), null, now, now.plus(settings.confirmationExpiry()));
    }

    /**
     * A short reference a person can read out: the last 8 characters of the order id, upper case. Order ids are
     * time-ordered (v7), so their first characters are the same for every order of the same minute; the last are random.
     */
    public static String orderRef(UUID orderId) {
        String id = orderId.toString();
        return id.substring(id.length() - 8).toUpperCase();
    }

    /** Integration names come from another service: keep control characters out of the Subject. */
    private static String oneLine(String value) {
        return Escapes.headerText(value).strip();
    }
}
