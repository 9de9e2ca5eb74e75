package io.mailoo.offer.service;

import java.util.List;

import io.quarkus.qute.TemplateData;

/** What the offer templates show; amounts are already formatted. */
@TemplateData
public record OfferMailModel(String companyName, String logoUrl, String primaryColor, String footerText,
        String generatorName, String customerName, String customerEmail, List<Line> lines, String total,
        List<AnswerLine> answers) {

    @TemplateData
    public record Line(String label, long quantity, String unitPrice, String amount) {
    }

    @TemplateData
    public record AnswerLine(String label, String value) {
    }
}
