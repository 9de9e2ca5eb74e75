package io.mailoo.dispatch.service;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

import jakarta.enterprise.context.ApplicationScoped;

import io.mailoo.dispatch.config.DispatchSettings;
import io.mailoo.dispatch.domain.ErrorCodes;

/**
 * Keeps tenant profiles from using Mailoo as a relay into its own network: the host must resolve only to public
 * unicast addresses and the port must be on the allowed list, unless private hosts are allowed (dev, test).
 * Resolution is blocking: call it off the event loop.
 */
@ApplicationScoped
public class SmtpHostGuard {

    /** The verdict; {@code address} is the checked address to connect to when allowed. */
    public record Verdict(boolean allowed, String errorCode, InetAddress address) {
    }

    private final DispatchSettings settings;

    public SmtpHostGuard(DispatchSettings settings) {
        this.settings = settings;
    }

    public Verdict check(String host, int port) {
        if (host == null || host.isBlank() || port < 1 || port > 65535) {
            return new Verdict(false, ErrorCodes.SMTP_HOST_NOT_ALLOWED, null);
        }
        if (settings.allowPrivateHosts()) {
            return new Verdict(true, null, null);
        }
        if (!settings.allowedPorts().contains(port)) {
            return new Verdict(false, ErrorCodes.SMTP_PORT_NOT_ALLOWED, null);
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return new Verdict(false, ErrorCodes.SMTP_CONNECT_FAILED, null);
        }
        for (InetAddress address : addresses) {
            if (!isPublicUnicast(address)) {
                return new Verdict(false, ErrorCodes.SMTP_HOST_NOT_ALLOWED, null);
            }
        }
        return new Verdict(true, null, addresses[0]);
    }

    static boolean isPublicUnicast(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        if (address instanceof Inet4Address v4) {
            return isPublicV4(v4.getAddress());
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address v6 && v6.isIPv4CompatibleAddress()) {
            return isPublicV4(new byte[] {b[12], b[13], b[14], b[15]});
        }
        int first = b[0] & 0xff;
        if ((first & 0xfe) == 0xfc) {
            return false; // fc00::/7 unique local
        }
        if (first == 0x20 && (b[1] & 0xff) == 0x02) {
            return isPublicV4(new byte[] {b[2], b[3], b[4], b[5]}); // 6to4 2002::/16 embeds an IPv4 address
        }
        if (first == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
            return isPublicV4(new byte[] {b[12], b[13], b[14], b[15]}); // NAT64 64:ff9b::/96
        }
        if (first == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0) {
            return false; // Teredo 2001::/32 hides its IPv4 target
        }
        return first != 0 && first != 0xff;
    }

    static boolean isPublicV4(byte[] b) {
        int a = b[0] & 0xff;
        int c = b[1] & 0xff;
        return !(a == 0 || a == 10 || a == 127 || a >= 224
                || (a == 100 && c >= 64 && c <= 127)   // 100.64.0.0/10 CGNAT
                || (a == 169 && c == 254)               // link-local, cloud metadata
                || (a == 172 && c >= 16 && c <= 31)
                || (a == 192 && c == 168)
                || (a == 192 && c == 0 && (b[2] & 0xff) == 0)  // 192.0.0.0/24 protocol assignments
                || (a == 198 && (c == 18 || c == 19)));  // 198.18.0.0/15 benchmarking
    }
}
