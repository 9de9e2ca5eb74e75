package io.mailoo.market.config;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Quantities and prices are whole numbers: Jackson would otherwise turn {@code "quantity": 1.5} into 1 and
 * silently sell something else than was asked. A fraction is now a 400 JSON_MALFORMED.
 */
@Singleton
public class StrictNumbersCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }
}
