package io.github.remnawaveshop.payments.paypal;

import io.github.remnawaveshop.core.payment.PaymentVerificationException;
import io.github.remnawaveshop.core.payment.PaymentVerificationException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.zip.CRC32;

/**
 * PayPal's offline webhook check: the signed message is {@code
 * transmission_id|transmission_time|webhook_id|crc32} with the unsigned decimal CRC32 of the raw
 * body, verified with SHA256withRSA against the certificate from {@code PAYPAL-CERT-URL}. The
 * webhook id is this shop's own, so an event signed for another listener does not verify.
 * Thread-safe.
 */
final class OfflineVerifier {
  static final String ALGORITHM = "SHA256withRSA";

  private final CertificateSource certificates;
  private final String webhookId;

  OfflineVerifier(CertificateSource certificates, String webhookId) {
    this.certificates = certificates;
    this.webhookId = webhookId;
  }

  /** The exact message PayPal signs. */
  static String signedMessage(
      String transmissionId, String transmissionTime, String webhookId, byte[] rawBody) {
    CRC32 crc = new CRC32();
    crc.update(rawBody);
    return transmissionId + "|" + transmissionTime + "|" + webhookId + "|" + crc.getValue();
  }

  /**
   * Verifies, or throws.
   *
   * @throws PaymentVerificationException {@code BAD_SIGNATURE} for another algorithm, undecodable
   *     or wrong signatures and refused certificates; {@code REJECTED_BY_PROVIDER} when the
   *     certificate is unavailable
   */
  void verify(WebhookHeaders headers, byte[] rawBody) {
    if (!ALGORITHM.equalsIgnoreCase(headers.authAlgo())) {
      throw new PaymentVerificationException(
          Reason.BAD_SIGNATURE,
          "PayPal webhook signed with an unsupported algorithm '" + clip(headers.authAlgo()) + "'");
    }
    byte[] signature;
    try {
      signature = Base64.getDecoder().decode(headers.transmissionSig());
    } catch (IllegalArgumentException e) {
      throw new PaymentVerificationException(
          Reason.BAD_SIGNATURE, "PayPal webhook signature is not base64");
    }
    X509Certificate cert = certificates.certificate(headers.certUrl());
    String message =
        signedMessage(headers.transmissionId(), headers.transmissionTime(), webhookId, rawBody);
    boolean valid;
    try {
      Signature verifier = Signature.getInstance(ALGORITHM);
      verifier.initVerify(cert);
      verifier.update(message.getBytes(StandardCharsets.UTF_8));
      valid = verifier.verify(signature);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      // a key of another type, or a signature of the wrong length for the key, is as bad as a wrong
      // one
      valid = false;
    }
    if (!valid) {
      throw new PaymentVerificationException(
          Reason.BAD_SIGNATURE,
          "PayPal webhook signature does not match (transmission "
              + clip(headers.transmissionId())
              + ")");
    }
  }

  private static String clip(String text) {
    return text.length() <= 80 ? text : text.substring(0, 80) + "…";
  }
}
