package io.mailoo.offer.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Prices validated answers on the server (a client never sends prices): the base price, the price of each chosen
 * option, and quantity × unit price for numbers. Wizard limits keep every sum far from overflow.
 */
public final class OfferCalculator {

    public static final String BASE_LINE_LABEL = "Base price";

    private OfferCalculator() {
    }

    public static Offer price(Wizard wizard, long basePriceMinor, String currency, List<Answer> answers) {
        List<Offer.Line> lines = new ArrayList<>();
        lines.add(new Offer.Line(null, BASE_LINE_LABEL, 1, basePriceMinor, basePriceMinor));
        for (Answer answer : answers) {
            Wizard.Field field = wizard.field(answer.fieldId()).orElseThrow();
            switch (FieldType.parse(field.type())) {
                case CHOICE -> {
                    Wizard.Option option = field.option(answer.value()).orElseThrow();
                    long price = option.priceMinor() == null ? 0 : option.priceMinor();
                    lines.add(new Offer.Line(field.id(), field.label() + ": " + option.label(), 1, price, price));
                }
                case NUMBER -> {
                    long unit = field.unitPriceMinor() == null ? 0 : field.unitPriceMinor();
                    if (unit > 0) {
                        long quantity = Long.parseLong(answer.value());
                        lines.add(new Offer.Line(field.id(), field.label(), quantity, unit,
                                Math.multiplyExact(quantity, unit)));
                    }
                }
                default -> {
                    // a text answer is information for the offer, not a price
                }
            }
        }
        long total = lines.stream().mapToLong(Offer.Line::amountMinor).reduce(0, Math::addExact);
        return new Offer(lines, total, currency);
    }
}
