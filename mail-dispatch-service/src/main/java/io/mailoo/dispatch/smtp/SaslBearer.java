package io.mailoo.dispatch.smtp;

/**
 * The two SASL mechanisms that carry an OAuth2 access token: their initial client response and what the client
 * answers to the server's error challenge (a 334 with a JSON status) so that the exchange ends in the server's 535.
 */
enum SaslBearer {

    /** Google's and Microsoft's mechanism: {@code user=…^Aauth=Bearer …^A^A}; the error challenge gets an empty line. */
    XOAUTH2 {
        @Override
        String initialResponse(String account, String host, int port, String token) {
            return "user=" + account + "\u0001auth=Bearer " + token + "\u0001\u0001";
        }

        @Override
        String errorChallengeAnswer() {
            return "";
        }
    },

    /** RFC 7628: a GS2 header naming the authorization identity, then host, port and the bearer token. */
    OAUTHBEARER {
        @Override
        String initialResponse(String account, String host, int port, String token) {
            return "n,a=" + saslName(account) + ",\u0001host=" + host + "\u0001port=" + port + "\u0001auth=Bearer "
                    + token + "\u0001\u0001";
        }

        /** RFC 7628 §3.2.3: the client answers the error challenge with a single %x01 ("AQ==" in base64). */
        @Override
        String errorChallengeAnswer() {
            return "AQ==";
        }
    };

    abstract String initialResponse(String account, String host, int port, String token);

    abstract String errorChallengeAnswer();

    /** RFC 5801 saslname: ',' and '=' escaped. */
    private static String saslName(String value) {
        return value == null ? "" : value.replace("=", "=3D").replace(",", "=2C");
    }
}
