package io.mailoo.integration.service.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mailoo.support.mail.Escapes;

/** The sandbox on its own: what parses, where a refusal points, escaping, and the output bound. */
class TemplateSandboxUnitTest {

    private static final TemplateValues ANN = new TemplateValues("Ann <b>\r\nBcc: x", "ann@example.test",
            Map.of("plan", "gold", "n", 3));

    @Test
    void onlyTheDocumentedPlaceholdersAndEscapedBracesParse() {
        ParsedTemplate t = TemplateParser.parse("Hi {name} <{email}> \\{literal\\} {fields.plan}/{fields.n}/"
                + "{fields.missing}.");
        assertEquals("Hi Ann &lt;b&gt;\r\nBcc: x <ann@example.test> {literal} gold/3/.",
                TemplateRenderer.render(t, ANN, Escapes::html, 1000));
        assertEquals("Hi Ann <b>  Bcc: x", TemplateRenderer.render(TemplateParser.parse("Hi {name}"), ANN,
                Escapes::headerText, 1000));
        assertEquals("a } b", TemplateRenderer.render(TemplateParser.parse("a } b"), ANN, Escapes::html, 100));
    }

    @Test
    void aRefusalNamesTheExpressionAndItsLineAndColumn() {
        TemplateSyntaxException e = assertThrows(TemplateSyntaxException.class,
                () -> TemplateParser.parse("<p>Hello</p>\n  x {config:['mailoo.crypto.key']} y"));
        assertEquals(2, e.line());
        assertEquals(5, e.column());
        assertEquals("{config:['mailoo.crypto.key']}", e.expression());
        assertTrue(e.getMessage().contains("{config:['mailoo.crypto.key']} at line 2, column 5"), e.getMessage());
        TemplateSyntaxException unclosed = assertThrows(TemplateSyntaxException.class,
                () -> TemplateParser.parse("ok\nok {name"));
        assertEquals(2, unclosed.line());
        assertEquals(4, unclosed.column());
    }

    @Test
    void everyOtherExpressionIsRefused() {
        for (String expression : new String[] {"{config:MAIL_SMTP_ENCRYPTION_KEY}", "{inject:bean.secret}",
                "{cdi:bean}", "{name.toUpperCase()}", "{name.length}", "{fields}", "{fields.}", "{fields.a.b}",
                "{fields.a b}", "{#for i in 1..9}x{/for}", "{#include base /}", "{#let x=1}{/let}", "{#if name}{/if}",
                "{! comment !}", "{[ raw ]}", "{name ?: 'x'}", "{name or 'x'}", "{ name }", "{}", "{NAME}",
                "{str:concat('a')}", "{_}"}) {
            assertThrows(TemplateSyntaxException.class, () -> TemplateParser.parse("x" + expression),
                    expression);
        }
    }

    @Test
    void outputPastTheBoundStopsRenderingInsteadOfGrowing() {
        TemplateValues big = new TemplateValues("n", "e@example.test", Map.of("a", "x".repeat(9_000)));
        ParsedTemplate t = TemplateParser.parse("{fields.a}".repeat(10_000));
        long started = System.nanoTime();
        assertThrows(TemplateOutputTooLargeException.class, () -> TemplateRenderer.render(t, big, Escapes::html,
                256 * 1024));
        assertTrue(System.nanoTime() - started < 1_000_000_000L, "stopped at the bound, not after 90 MB");
    }
}
