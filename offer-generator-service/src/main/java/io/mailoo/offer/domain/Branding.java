package io.mailoo.offer.domain;

/** How the offer mail looks: company name, logo, primary colour ({@code #rrggbb}) and footer. All optional. */
public record Branding(String companyName, String logoUrl, String primaryColor, String footerText) {
}
