package io.mailoo.dispatch.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SmtpHostGuardTest {

    private final SmtpHostGuard guard = new SmtpHostGuard(new TestSettings(false));

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
            "100.64.0.1", "100.127.255.254", "169.254.169.254", "0.0.0.0", "224.0.0.1", "255.255.255.255",
            "198.18.0.1", "192.0.0.8", "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1",
            "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::127.0.0.1", "2002:7f00:0001::1", "2002:a9fe:a9fe::1",
            "64:ff9b::a9fe:a9fe", "2001:0:4136:e378::1"})
    void refusesNonPublicAddressesInEveryForm(String literal) throws Exception {
        assertFalse(SmtpHostGuard.isPublicUnicast(InetAddress.getByName(literal)), literal);
        var verdict = guard.check(literal, 587);
        assertFalse(verdict.allowed(), literal);
        assertEquals("SMTP_HOST_NOT_ALLOWED", verdict.errorCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "100.63.255.255", "100.128.0.1", "172.32.0.1", "2606:4700::1111",
            "2002:0808:0808::1"})
    void acceptsPublicAddresses(String literal) throws Exception {
        assertTrue(SmtpHostGuard.isPublicUnicast(InetAddress.getByName(literal)), literal);
        var verdict = guard.check(literal, 587);
        assertTrue(verdict.allowed(), literal);
        assertEquals(InetAddress.getByName(literal), verdict.address());
    }

    @Test
    void portsOutsideTheListAreRefused() {
        var verdict = guard.check("8.8.8.8", 6379);
        assertFalse(verdict.allowed());
        assertEquals("SMTP_PORT_NOT_ALLOWED", verdict.errorCode());
    }

    @Test
    void localhostByNameIsRefused() {
        assertFalse(guard.check("localhost", 25).allowed());
    }

    @Test
    void withPrivateHostsAllowedLoopbackAndAnyPortPass() {
        var open = new SmtpHostGuard(new TestSettings(true));
        assertTrue(open.check("127.0.0.1", 3025).allowed());
        assertFalse(open.check("", 25).allowed());
        assertFalse(open.check("127.0.0.1", 0).allowed());
    }
}
