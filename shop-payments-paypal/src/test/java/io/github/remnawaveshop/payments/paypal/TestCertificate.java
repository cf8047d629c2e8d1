package io.github.remnawaveshop.payments.paypal;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A fresh RSA key pair and a self-signed X.509 certificate for it, built in the test with
 * BouncyCastle (the JDK has no public API to build certificates). Valid from {@link #NOT_BEFORE}
 * for ten years. Signatures are made here with the JDK's {@link Signature}, independently of the
 * code under test.
 */
final class TestCertificate {
  static final Instant NOT_BEFORE = Instant.parse("2026-01-01T00:00:00Z");
  static final Instant NOT_AFTER = NOT_BEFORE.plus(Duration.ofDays(3650));

  final PrivateKey privateKey;
  final X509Certificate certificate;

  private TestCertificate(PrivateKey privateKey, X509Certificate certificate) {
    this.privateKey = privateKey;
    this.certificate = certificate;
  }

  /** One certificate shared by every test in this JVM (made on first use): "PayPal's". */
  static TestCertificate paypal() {
    return PayPalHolder.CERT;
  }

  /** A second, unrelated key pair and certificate: someone who is not PayPal. */
  static TestCertificate stranger() {
    return StrangerHolder.CERT;
  }

  private static final class PayPalHolder {
    static final TestCertificate CERT = generate("messageverificationcerts.sandbox.paypal.com");
  }

  private static final class StrangerHolder {
    static final TestCertificate CERT = generate("not-paypal.example");
  }

  /** Makes a new 2048-bit RSA key pair and a certificate for it with this common name. */
  static TestCertificate generate(String commonName) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair keys = generator.generateKeyPair();
      X500Name name = new X500Name("CN=" + commonName + ", O=Test");
      JcaX509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              name,
              BigInteger.valueOf(System.nanoTime()),
              Date.from(NOT_BEFORE),
              Date.from(NOT_AFTER),
              name,
              keys.getPublic());
      X509Certificate cert =
          new JcaX509CertificateConverter()
              .getCertificate(
                  builder.build(
                      new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
      return new TestCertificate(keys.getPrivate(), cert);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The certificate as PEM, as PayPal serves it at {@code PAYPAL-CERT-URL}. */
  String pem() {
    try {
      return "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
              .encodeToString(certificate.getEncoded())
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
