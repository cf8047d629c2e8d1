package io.github.remnawaveshop.payments.paypal;

import io.github.remnawaveshop.core.payment.PaymentVerificationException;
import io.github.remnawaveshop.core.payment.PaymentVerificationException.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Collection;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PayPal's webhook signing certificates, fetched from {@code PAYPAL-CERT-URL} only when the {@link
 * CertUrlPolicy} allows the URL, without following redirects, and cached by URL (at most {@value
 * #MAX_CACHED} of them). A certificate is used only inside its validity period by the injected
 * clock; an expired one is dropped from the cache. Thread-safe.
 */
final class CertificateSource {
  private static final Logger log = LoggerFactory.getLogger(CertificateSource.class);
  static final int MAX_CACHED = 32;
  private static final long MAX_CERT_BYTES = 64 * 1024;

  private final OkHttpClient http;
  private final CertUrlPolicy policy;
  private final Clock clock;
  private final Map<String, X509Certificate> cache = new ConcurrentHashMap<>();

  CertificateSource(OkHttpClient http, CertUrlPolicy policy, Clock clock) {
    // a redirect could lead away from the allowed host, so none is followed
    this.http = http.newBuilder().followRedirects(false).followSslRedirects(false).build();
    this.policy = policy;
    this.clock = clock;
  }

  /**
   * The certificate at this URL, valid now.
   *
   * @throws PaymentVerificationException {@code BAD_SIGNATURE} for a refused URL or a certificate
   *     outside its validity, {@code REJECTED_BY_PROVIDER} when it could not be fetched or read
   */
  X509Certificate certificate(String certUrl) {
    policy
        .refusal(certUrl)
        .ifPresent(
            why -> {
              throw new PaymentVerificationException(
                  Reason.BAD_SIGNATURE, "PayPal webhook refused: " + why);
            });
    X509Certificate cert = cache.get(certUrl);
    if (cert == null) {
      cert = fetch(certUrl);
      if (cache.size() >= MAX_CACHED) {
        cache
            .clear(); // PayPal rotates certificates rarely; a full cache means something odd, start
        // over
      }
      cache.put(certUrl, cert);
    }
    try {
      cert.checkValidity(Date.from(clock.instant()));
    } catch (CertificateExpiredException | CertificateNotYetValidException e) {
      cache.remove(certUrl, cert);
      throw new PaymentVerificationException(
          Reason.BAD_SIGNATURE,
          "PayPal webhook refused: signing certificate is not valid now ("
              + e.getClass().getSimpleName()
              + ")");
    }
    return cert;
  }

  /** How many certificates are cached. */
  int cachedCount() {
    return cache.size();
  }

  private X509Certificate fetch(String certUrl) {
    Request request = new Request.Builder().url(certUrl).get().build();
    try (Response response = http.newCall(request).execute()) {
      if (!response.isSuccessful()) {
        throw new PaymentVerificationException(
            Reason.REJECTED_BY_PROVIDER,
            "PayPal signing certificate could not be fetched: HTTP " + response.code());
      }
      BufferedSource source = response.body().source();
      if (source.request(MAX_CERT_BYTES + 1)) {
        throw new PaymentVerificationException(
            Reason.REJECTED_BY_PROVIDER, "PayPal signing certificate is too large");
      }
      byte[] bytes = source.readByteArray();
      Collection<? extends Certificate> certs =
          CertificateFactory.getInstance("X.509")
              .generateCertificates(new ByteArrayInputStream(bytes));
      if (certs.isEmpty() || !(certs.iterator().next() instanceof X509Certificate x509)) {
        throw new PaymentVerificationException(
            Reason.REJECTED_BY_PROVIDER,
            "PayPal signing certificate URL holds no X.509 certificate");
      }
      log.info(
          "PayPal webhook signing certificate fetched and cached: subject '{}', valid until {}",
          x509.getSubjectX500Principal().getName(),
          x509.getNotAfter().toInstant());
      return x509;
    } catch (IOException | IllegalArgumentException e) {
      throw new PaymentVerificationException(
          Reason.REJECTED_BY_PROVIDER,
          "PayPal signing certificate could not be fetched: " + e.getClass().getSimpleName(),
          e);
    } catch (CertificateException e) {
      throw new PaymentVerificationException(
          Reason.REJECTED_BY_PROVIDER, "PayPal signing certificate could not be read", e);
    }
  }
}
