package io.mailoo.offer.domain;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How the offer mail looks: company name, logo, primary colour ({@code #rrggbb}) and footer. All optional. */
@Schema(requiredProperties = { "companyName", "logoUrl", "primaryColor", "footerText" })
public record Branding(@Schema(nullable = true) String companyName, @Schema(nullable = true) String logoUrl,
        @Schema(nullable = true, pattern = "^#[0-9a-fA-F]{6}$") String primaryColor,
        @Schema(nullable = true) String footerText) {
}
