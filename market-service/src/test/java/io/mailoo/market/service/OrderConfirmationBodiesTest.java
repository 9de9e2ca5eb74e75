package io.mailoo.market.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The confirmation's bodies: what the buyer reads, and every value from the shop or the buyer kept out of the HTML's
 * markup (OrderConfirmationTest checks the same through GreenMail).
 */
class OrderConfirmationBodiesTest {

    private static final String HOSTILE = "Ann <script>alert(\"x\")</script> & 'co'";

    private static ConfirmationContent content(String buyerName, String shop, String note) {
        return ConfirmationContent.of(shop, buyerName, "B648CA01",
                List.of(new OrderLine("MUG-1", "Mug <large>", 2, 1250, 2500),
                        new OrderLine("TEA.2", "Tea & <b>biscuits</b>", 1, 399, 399)),
                2899, "EUR", note);
    }

    @Test
    void theTextNamesTheBuyerTheLinesTheTotalAndTheNote() {
        assertEquals("""
                Hello Ann,

                thank you for your order B648CA01 at Bean Shop.

                2 x Mug <large> (MUG-1) at 12.50 EUR = 25.00 EUR
                1 x Tea & <b>biscuits</b> (TEA.2) at 3.99 EUR = 3.99 EUR

                Total: 28.99 EUR

                Your note: ring twice

                This confirmation was sent on behalf of Bean Shop.
                """, OrderConfirmationBodies.text(content("Ann", "Bean Shop", "ring twice")));
    }

    @Test
    void withoutANameOrANoteTheTextGreetsPlainlyAndHasNoNote() {
        String text = OrderConfirmationBodies.text(content(null, "Bean Shop", null));
        assertTrue(text.startsWith("Hello,\n\nthank you"), text);
        assertFalse(text.contains("Your note"), text);
        assertTrue(text.contains("Total: 28.99 EUR\n\nThis confirmation"), text);
    }

    @Test
    void theHtmlEscapesEveryValueOfTheShopAndTheBuyer() {
        String html = OrderConfirmationBodies.html(content(HOSTILE, "<i>Shop</i> & co", "<img src=x onerror=y>"));
        String escaped = "Ann &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;";
        assertTrue(html.contains("<p>Hello " + escaped + ",</p>"), html);
        assertTrue(html.contains("at &lt;i&gt;Shop&lt;/i&gt; &amp; co.</p>"), html);
        assertTrue(html.contains("on behalf of &lt;i&gt;Shop&lt;/i&gt; &amp; co."), html);
        assertTrue(html.contains("<td>Mug &lt;large&gt; <small>(MUG-1)</small></td>"), html);
        assertTrue(html.contains("<td>Tea &amp; &lt;b&gt;biscuits&lt;/b&gt; <small>(TEA.2)</small></td>"), html);
        assertTrue(html.contains("<p>Your note: &lt;img src=x onerror=y&gt;</p>"), html);
        assertTrue(html.contains("<th align=\"right\">28.99 EUR</th>"), html);
        // nothing of the values became markup
        for (String tag : List.of("<script", "<i>", "<b>", "<img")) {
            assertFalse(html.contains(tag), tag + " in " + html);
        }
    }

    @Test
    void theHtmlHasOneRowPerLineAndNoNoteWithoutOne() {
        String html = OrderConfirmationBodies.html(content(null, "Bean Shop", ""));
        assertTrue(html.startsWith("<!DOCTYPE html>\n<html>\n"), html);
        assertTrue(html.contains("<p>Hello,</p>"), html);
        assertEquals(2, html.split("<tr><td>", -1).length - 1, html);
        assertFalse(html.contains("Your note"), html);
        assertTrue(html.endsWith("</body>\n</html>\n"), html);
    }
}
