package io.mailoo.market.service;

import io.mailoo.support.mail.Escapes;

/**
 * The text and HTML bodies of the buyer's order confirmation. Written out in Java rather than rendered by a template
 * engine: the mail is built inside every order request, where JFR found Qute's rendering (its completion stages and
 * the context each one captured) on about 8 % of market-service's CPU samples; without it market-service makes 4 %
 * fewer young collections at 500 orders/s (docs/benchmarks.md, thirteenth session). Every value in the HTML passes
 * through {@link Escapes#html}: names, SKUs and the note come from the shop's catalog and from the buyer.
 */
final class OrderConfirmationBodies {

    private OrderConfirmationBodies() {
    }

    static String text(ConfirmationContent c) {
        StringBuilder out = new StringBuilder(256 + 96 * c.lines().size());
        out.append(hasText(c.buyerName()) ? "Hello " + c.buyerName() + "," : "Hello,").append("\n\n");
        out.append("thank you for your order ").append(c.orderRef()).append(" at ").append(c.shopName())
                .append(".\n\n");
        for (ConfirmationContent.Line line : c.lines()) {
            out.append(line.quantity()).append(" x ").append(line.name()).append(" (").append(line.sku())
                    .append(") at ").append(line.unitPrice()).append(" = ").append(line.lineTotal()).append('\n');
        }
        out.append("\nTotal: ").append(c.total()).append('\n');
        if (hasText(c.note())) {
            out.append("\nYour note: ").append(c.note()).append('\n');
        }
        return out.append("\nThis confirmation was sent on behalf of ").append(c.shopName()).append(".\n").toString();
    }

    static String html(ConfirmationContent c) {
        String shop = Escapes.html(c.shopName());
        StringBuilder out = new StringBuilder(1024 + 192 * c.lines().size());
        out.append("<!DOCTYPE html>\n<html>\n<body style=\"font-family: sans-serif\">\n<p>")
                .append(hasText(c.buyerName()) ? "Hello " + Escapes.html(c.buyerName()) + "," : "Hello,")
                .append("</p>\n<p>thank you for your order <strong>").append(Escapes.html(c.orderRef()))
                .append("</strong> at ").append(shop).append(".</p>\n")
                .append("<table cellpadding=\"4\" style=\"border-collapse: collapse\">\n")
                .append("  <thead><tr><th align=\"left\">Product</th><th align=\"right\">Quantity</th>")
                .append("<th align=\"right\">Price</th><th align=\"right\">Amount</th></tr></thead>\n  <tbody>\n");
        for (ConfirmationContent.Line line : c.lines()) {
            out.append("  <tr><td>").append(Escapes.html(line.name())).append(" <small>(")
                    .append(Escapes.html(line.sku())).append(")</small></td><td align=\"right\">")
                    .append(line.quantity()).append("</td><td align=\"right\">").append(Escapes.html(line.unitPrice()))
                    .append("</td><td align=\"right\">").append(Escapes.html(line.lineTotal())).append("</td></tr>\n");
        }
        out.append("  </tbody>\n  <tfoot><tr><th align=\"left\" colspan=\"3\">Total</th><th align=\"right\">")
                .append(Escapes.html(c.total())).append("</th></tr></tfoot>\n</table>\n");
        if (hasText(c.note())) {
            out.append("<p>Your note: ").append(Escapes.html(c.note())).append("</p>");
        }
        return out.append("\n<p><small>This confirmation was sent on behalf of ").append(shop)
                .append(".</small></p>\n</body>\n</html>\n").toString();
    }

    private static boolean hasText(String value) {
        return value != null && !value.isEmpty();
    }
}
