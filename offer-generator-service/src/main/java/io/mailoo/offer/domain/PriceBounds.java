package io.mailoo.offer.domain;

import java.util.ArrayList;
import java.util.List;

import io.mailoo.contracts.smtp.FieldError;

/**
 * The largest total an offer may reach: 10^15 minor units, below 2^53 so a browser reads every amount exactly, and
 * far below a long. A wizard whose dearest possible offer exceeds it is refused at save; an offer that would exceed
 * it anyway (a generator saved before this rule) is refused at submission — both 422 {@code PRICE_OUT_OF_RANGE}
 * naming the field whose price pushed the sum over, never an overflow.
 */
public final class PriceBounds {

    public static final String CODE = "PRICE_OUT_OF_RANGE";
    public static final long MAX_TOTAL = 1_000_000_000_000_000L;

    private PriceBounds() {
    }

    /** Errors for a wizard whose base price plus every field at its dearest passes {@link #MAX_TOTAL}. */
    public static List<FieldError> checkWizard(Wizard wizard, long basePriceMinor) {
        List<FieldError> errors = new ArrayList<>();
        if (wizard == null || wizard.steps() == null) {
            return errors;
        }
        long total = basePriceMinor;
        if (total > MAX_TOTAL) {
            errors.add(outOfRange("basePriceMinor"));
            return errors;
        }
        for (int s = 0; s < wizard.steps().size(); s++) {
            Wizard.Step step = wizard.steps().get(s);
            if (step == null || step.fields() == null) {
                continue;
            }
            for (int f = 0; f < step.fields().size(); f++) {
                Wizard.Field field = step.fields().get(f);
                long dearest = field == null ? 0 : dearest(field);
                total = add(total, dearest);
                if (total > MAX_TOTAL) {
                    errors.add(outOfRange("wizard.steps[" + s + "].fields[" + f + "]"));
                    return errors;
                }
            }
        }
        return errors;
    }

    /** {@code a + b}, or a value above {@link #MAX_TOTAL} when the sum would leave the long range. */
    public static long add(long a, long b) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** {@code a × b}, or a value above {@link #MAX_TOTAL} when the product would leave the long range. */
    public static long multiply(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    public static FieldError outOfRange(String field) {
        return new FieldError(field, CODE, "The offer would exceed " + MAX_TOTAL + " minor units; lower this price.");
    }

    private static long dearest(Wizard.Field field) {
        FieldType type = FieldType.parse(field.type());
        if (type == FieldType.CHOICE && field.options() != null) {
            return field.options().stream().filter(o -> o != null && o.priceMinor() != null && o.priceMinor() > 0)
                    .mapToLong(Wizard.Option::priceMinor).max().orElse(0);
        }
        if (type == FieldType.NUMBER && field.max() != null && field.unitPriceMinor() != null
                && field.max() > 0 && field.unitPriceMinor() > 0) {
            return multiply(field.max(), field.unitPriceMinor());
        }
        return 0;
    }
}
