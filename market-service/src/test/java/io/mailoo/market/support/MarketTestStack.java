package io.mailoo.market.support;

import io.mailoo.testsupport.MailooTestStack;
import io.quarkus.test.common.QuarkusTestResource;

/**
 * Every test class of this module runs against the same stack (real broker, PostgreSQL, the packaged
 * mail-dispatch-service and the platform GreenMail), declared once here and not restricted to one class, so
 * Quarkus and the dispatch process start once for the whole suite instead of once per class.
 */
@QuarkusTestResource(MailooTestStack.class)
public final class MarketTestStack {

    private MarketTestStack() {
    }
}
