package io.mailoo.offer.domain;

import java.util.ArrayList;
import java.util.List;

import io.mailoo.contracts.smtp.FieldError;
import io.mailoo.support.http.ProblemException;

/**
 * Prices validated answers on the server (a client never sends prices): the base price, the price of each chosen
 * option, and quantity × unit price for numbers. Every product and sum is checked against
 * {@link PriceBounds#MAX_TOTAL}: past it the submission is a 422 naming the answer, never an overflow.
 */
public final class OfferCalculator {

    public static final String BASE_LINE_LABEL = "Base price";

    private OfferCalculator() {
    }

    public static Offer price(Wizard wizard, long basePriceMinor, String currency, List<Answer> answers) {
        List<Offer.Line> lines = new ArrayList<>();
        lines.add(new Offer.Line(null, BASE_LINE_LABEL, 1, basePriceMinor, basePriceMinor));
        long total = basePriceMinor;
        if (total > PriceBounds.MAX_TOTAL) {
            throw outOfRange(PriceBounds.outOfRange("basePriceMinor"));
        }
        for (Answer answer : answers) {
            Wizard.Field field = wizard.field(answer.fieldId()).orElseThrow();
            Offer.Line line = line(field, answer);
            if (line == null) {
                continue;
            }
            total = PriceBounds.add(total, line.amountMinor());
            if (line.amountMinor() > PriceBounds.MAX_TOTAL || total > PriceBounds.MAX_TOTAL) {
                throw outOfRange(PriceBounds.outOfRange("answers." + field.id()));
            }
            lines.add(line);
        }
        return new Offer(lines, total, currency);
    }

    private static Offer.Line line(Wizard.Field field, Answer answer) {
        switch (FieldType.parse(field.type())) {
            case CHOICE -> {
                Wizard.Option option = field.option(answer.value()).orElseThrow();
                long price = option.priceMinor() == null ? 0 : option.priceMinor();
                return new Offer.Line(field.id(), field.label() + ": " + option.label(), 1, price, price);
            }
            case NUMBER -> {
                long unit = field.unitPriceMinor() == null ? 0 : field.unitPriceMinor();
                if (unit <= 0) {
                    return null;
                }
                long quantity = Long.parseLong(answer.value());
                return new Offer.Line(field.id(), field.label(), quantity, unit, PriceBounds.multiply(quantity, unit));
            }
            default -> {
                return null; // a text answer is information for the offer, not a price
            }
        }
    }

    private static ProblemException outOfRange(FieldError error) {
        return new ProblemException(422, PriceBounds.CODE, error.message(), List.of(error));
    }
}
