package io.mailoo.dispatch.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Certificates for the TLS tests, made with the JDK's keytool at first use: a "trusted" one for localhost whose PEM
 * the dispatcher is configured to trust (mailoo.dispatch.trusted-certificates), and an "untrusted" one, also for
 * localhost, that nothing trusts.
 */
public final class TestTls {

    private static final Path DIR = Path.of("target", "smtp-test-tls");
    private static final String PASSWORD = "changeit-test-only";

    private TestTls() {
    }

    /** The PEM the dispatcher trusts; created with both key stores on first call. */
    public static synchronized Path trustedCertificatePem() {
        Path pem = DIR.resolve("trusted.pem");
        if (!Files.exists(pem)) {
            generate("trusted");
            generate("untrusted");
        }
        return pem.toAbsolutePath();
    }

    public static SSLContext trustedServer() {
        return serverContext("trusted");
    }

    public static SSLContext untrustedServer() {
        return serverContext("untrusted");
    }

    private static SSLContext serverContext(String name) {
        trustedCertificatePem();
        try (InputStream in = Files.newInputStream(DIR.resolve(name + ".p12"))) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("cannot load the test key store " + name, e);
        }
    }

    private static void generate(String name) {
        try {
            Files.createDirectories(DIR);
            Path store = DIR.resolve(name + ".p12");
            Files.deleteIfExists(store);
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            run(List.of(keytool, "-genkeypair", "-alias", "smtp", "-keyalg", "RSA", "-keysize", "2048",
                    "-validity", "3", "-dname", "CN=localhost, O=Mailoo test " + name, "-ext",
                    "SAN=dns:localhost,ip:127.0.0.1", "-keystore", store.toString(), "-storetype", "PKCS12",
                    "-storepass", PASSWORD, "-keypass", PASSWORD));
            run(List.of(keytool, "-exportcert", "-rfc", "-alias", "smtp", "-keystore", store.toString(),
                    "-storepass", PASSWORD, "-file", DIR.resolve(name + ".pem").toString()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the test certificates", e);
        }
    }

    private static void run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IOException("keytool failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running keytool", e);
        }
    }
}
