package io.github.remnawaveshop.payments.paypal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed RSA certificate and its private key, made by the JDK's own {@code keytool} (the JDK has no
 * public API to build certificates, and this keeps BouncyCastle out of the build). Valid from
 * {@link #NOT_BEFORE} for ten years. Signatures are made here with {@link Signature}, independently of the
 * code under test.
 */
final class TestCertificate {
  static final Instant NOT_BEFORE = Instant.parse("2026-01-01T00:00:00Z");

  final PrivateKey privateKey;
  final X509Certificate certificate;

  private TestCertificate(PrivateKey privateKey, X509Certificate certificate) {
    this.privateKey = privateKey;
    this.certificate = certificate;
  }

  /** Makes a new key pair and certificate with this common name (one keytool run, about a second). */
  static TestCertificate generate(String commonName) {
    try {
      Path dir = Files.createTempDirectory("paypal-cert");
      Path store = dir.resolve("test.p12");
      String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
      Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "signer", "-keyalg", "RSA", "-keysize", "2048",
          "-sigalg", "SHA256withRSA", "-dname", "CN=" + commonName + ", O=Test", "-startdate", "2026/01/01 00:00:00",
          "-validity", "3650", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit",
          "-keypass", "changeit").redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("keytool failed: " + output);
      }
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(store)) {
        ks.load(in, "changeit".toCharArray());
      }
      PrivateKey key = (PrivateKey) ks.getKey("signer", "changeit".toCharArray());
      X509Certificate cert = (X509Certificate) ks.getCertificate("signer");
      Files.delete(store);
      Files.delete(dir);
      return new TestCertificate(key, cert);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The certificate as PEM, as PayPal serves it at {@code PAYPAL-CERT-URL}. */
  String pem() {
    try {
      return "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
          + "\n-----END CERTIFICATE-----\n";
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Base64 SHA256withRSA signature of the text. */
  String sign(String text) {
    try {
      Signature s = Signature.getInstance("SHA256withRSA");
      s.initSign(privateKey);
      s.update(text.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
