package io.mailoo.offer.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.mailoo.contracts.smtp.FieldError;

/** Answers checked against the wizard and priced on the server. */
class OfferPricingTest {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    static final Wizard WIZARD = new Wizard(List.of(
            new Wizard.Step("package", "Package", List.of(new Wizard.Field("plan", "Plan", "CHOICE", null,
                    List.of(new Wizard.Option("basic", "Basic", 10000L), new Wizard.Option("pro", "Pro", 25000L)),
                    null, null, null, null))),
            new Wizard.Step("details", "Details", List.of(
                    new Wizard.Field("panels", "Panels", "NUMBER", null, null, 1L, 50L, 1500L, null),
                    new Wizard.Field("notes", "Notes", "TEXT", false, null, null, null, null, 10)))));

    private static AnswerRules.Result evaluate(Map<String, JsonNode> answers) {
        return AnswerRules.evaluate(WIZARD, answers);
    }

    private static FieldError onlyError(Map<String, JsonNode> answers) {
        List<FieldError> errors = evaluate(answers).errors();
        assertEquals(1, errors.size(), errors.toString());
        return errors.get(0);
    }

    @Test
    void pricesBaseChoiceAndQuantityOnTheServer() {
        AnswerRules.Result result = evaluate(Map.of("plan", JSON.textNode("pro"), "panels", JSON.numberNode(3),
                "notes", JSON.textNode("south")));
        assertTrue(result.errors().isEmpty(), result.errors().toString());
        Offer offer = OfferCalculator.price(WIZARD, 5000, "EUR", result.answers());
        assertEquals(5000 + 25000 + 3 * 1500, offer.total());
        assertEquals(List.of("Base price", "Plan: Pro", "Panels"), offer.lines().stream().map(Offer.Line::label).toList());
        assertEquals(3, offer.lines().get(2).quantity());
        assertEquals("Pro", result.answers().get(0).displayValue());
    }

    @Test
    void anOptionalTextMayBeLeftOut() {
        assertTrue(evaluate(Map.of("plan", JSON.textNode("basic"), "panels", JSON.numberNode(1))).errors().isEmpty());
    }

    @Test
    void eachKindOfWrongAnswerNamesItsField() {
        assertEquals(new FieldError("answers.panels", "ANSWER_OUT_OF_RANGE", "'Panels' must be from 1 to 50."),
                onlyError(Map.of("plan", JSON.textNode("pro"), "panels", JSON.numberNode(0))));
        assertEquals("ANSWER_OPTION_UNKNOWN",
                onlyError(Map.of("plan", JSON.textNode("gold"), "panels", JSON.numberNode(2))).code());
        assertEquals("answers.plan", onlyError(Map.of("panels", JSON.numberNode(2))).field());
        assertEquals("ANSWER_FIELD_UNKNOWN", onlyError(Map.of("plan", JSON.textNode("pro"), "panels",
                JSON.numberNode(2), "colour", JSON.textNode("red"))).code());
        assertEquals("ANSWER_TYPE_INVALID",
                onlyError(Map.of("plan", JSON.textNode("pro"), "panels", JSON.numberNode(2.5))).code());
        assertEquals("ANSWER_TEXT_INVALID", onlyError(Map.of("plan", JSON.textNode("pro"), "panels",
                JSON.numberNode(2), "notes", JSON.textNode("far too long text"))).code());
        assertEquals("ANSWER_TYPE_INVALID",
                onlyError(Map.of("plan", JSON.numberNode(1), "panels", JSON.numberNode(2))).code());
    }

    @Test
    void aWizardDefinitionIsCheckedField() {
        Wizard broken = new Wizard(List.of(new Wizard.Step("s", "S", List.of(
                new Wizard.Field("a", "A", "CHOICE", null, List.of(new Wizard.Option("x", "X", -1L)), null, null,
                        null, null),
                new Wizard.Field("a", "B", "TEXT", null, null, null, null, null, 0),
                new Wizard.Field("c", "C", "NUMBER", null, null, null, null, null, null),
                new Wizard.Field("d", "D\nE", "TEXT", null, List.of(new Wizard.Option("x", "X", 1L)), null, null,
                        null, null)))));
        List<String> fields = WizardRules.validate(broken).stream().map(FieldError::field).toList();
        assertEquals(List.of("wizard.steps[0].fields[0].options[0].priceMinor", "wizard.steps[0].fields[1].id",
                "wizard.steps[0].fields[1].maxLength", "wizard.steps[0].fields[2].min",
                "wizard.steps[0].fields[3].label", "wizard.steps[0].fields[3].options"), fields);
        assertTrue(WizardRules.validate(WIZARD).isEmpty());
    }

    @Test
    void sumsPastTheBoundAre422PriceOutOfRangeNamingTheAnswerNotAnOverflow() {
        Wizard huge = new Wizard(List.of(new Wizard.Step("s", "S", List.of(
                new Wizard.Field("a", "A", "NUMBER", null, null, 0L, Long.MAX_VALUE, Long.MAX_VALUE, null),
                new Wizard.Field("b", "B", "CHOICE", null, List.of(new Wizard.Option("x", "X", Long.MAX_VALUE)),
                        null, null, null, null)))));
        var overflowing = assertThrows(io.mailoo.support.http.ProblemException.class, () -> OfferCalculator.price(
                huge, 0, "EUR", List.of(new Answer("a", "A", "3", "3"))));
        assertEquals("PRICE_OUT_OF_RANGE", overflowing.code());
        assertEquals("answers.a", overflowing.errors().get(0).field());
        var sum = assertThrows(io.mailoo.support.http.ProblemException.class, () -> OfferCalculator.price(
                huge, PriceBounds.MAX_TOTAL, "EUR", List.of(new Answer("b", "B", "x", "X"))));
        assertEquals("answers.b", sum.errors().get(0).field());
        var base = assertThrows(io.mailoo.support.http.ProblemException.class, () -> OfferCalculator.price(
                huge, Long.MAX_VALUE, "EUR", List.of()));
        assertEquals("basePriceMinor", base.errors().get(0).field());
        assertEquals(PriceBounds.MAX_TOTAL, OfferCalculator.price(huge, PriceBounds.MAX_TOTAL, "EUR", List.of())
                .total());
    }

    @Test
    void aWizardIsCheckedAtItsDearest() {
        Wizard wizard = new Wizard(List.of(new Wizard.Step("s", "S", List.of(
                new Wizard.Field("a", "A", "NUMBER", null, null, 0L, 1_000_000L, 999_000_000L, null),
                new Wizard.Field("b", "B", "CHOICE", null, List.of(new Wizard.Option("x", "X", 1L),
                        new Wizard.Option("y", "Y", 1_000_000_000_000L)), null, null, null, null)))));
        assertTrue(PriceBounds.checkWizard(wizard, 0).isEmpty(), "at most 10^15 in all");
        List<FieldError> errors = PriceBounds.checkWizard(wizard, 1);
        assertEquals(List.of("wizard.steps[0].fields[1]"), errors.stream().map(FieldError::field).toList());
        assertEquals("PRICE_OUT_OF_RANGE", errors.get(0).code());
    }
}
