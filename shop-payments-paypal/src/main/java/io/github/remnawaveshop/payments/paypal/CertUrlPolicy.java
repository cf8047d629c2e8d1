package io.github.remnawaveshop.payments.paypal;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which {@code PAYPAL-CERT-URL}s a certificate may be fetched from: https on the default port, no
 * user info, and a host in the allowed set. An entry {@code *.paypal.com} allows any subdomain;
 * every entry must itself be {@code paypal.com} or under it, so no setting can point verification
 * at a host PayPal does not own. The only way around that is the loudly named test-only URL prefix,
 * which also allows http. Immutable.
 */
final class CertUrlPolicy {
  /** PayPal's REST API hosts, where PayPal's webhooks point {@code PAYPAL-CERT-URL}. */
  static final Set<String> DEFAULT_HOSTS =
      Set.of(
          "api.paypal.com",
          "api-m.paypal.com",
          "api.sandbox.paypal.com",
          "api-m.sandbox.paypal.com");

  private final Set<String> hosts;
  private final Optional<String> insecureTestOnlyPrefix;

  CertUrlPolicy(Set<String> hosts, Optional<String> insecureTestOnlyPrefix) {
    for (String host : hosts) {
      checkPayPalOwned(host);
    }
    this.hosts = Set.copyOf(hosts);
    this.insecureTestOnlyPrefix = insecureTestOnlyPrefix;
  }

  /**
   * Throws for a host pattern outside {@code paypal.com}.
   *
   * @throws IllegalArgumentException naming the host
   */
  static void checkPayPalOwned(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    String bare = h.startsWith("*.") ? h.substring(2) : h;
    boolean ok =
        !bare.contains("*")
            && !bare.contains("/")
            && !bare.contains(":")
            && (bare.equals("paypal.com") || bare.endsWith(".paypal.com"));
    if (!ok) {
      throw new IllegalArgumentException(
          "certificate hosts must be paypal.com or its subdomains (optionally *.); was '"
              + host
              + "'");
    }
  }

  /** Why the URL is refused, or empty when certificates may be fetched from it. */
  Optional<String> refusal(String certUrl) {
    if (insecureTestOnlyPrefix.isPresent() && certUrl.startsWith(insecureTestOnlyPrefix.get())) {
      return Optional.empty();
    }
    URI uri;
    try {
      uri = new URI(certUrl);
    } catch (java.net.URISyntaxException e) {
      return Optional.of("certificate URL is not a URL");
    }
    if (!"https".equalsIgnoreCase(uri.getScheme())) {
      return Optional.of("certificate URL is not https");
    }
    if (uri.getRawUserInfo() != null || (uri.getPort() != -1 && uri.getPort() != 443)) {
      return Optional.of("certificate URL has user info or a non-default port");
    }
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    if (!allowed(host)) {
      return Optional.of("certificate host '" + host + "' is not an allowed PayPal host");
    }
    return Optional.empty();
  }

  private boolean allowed(String host) {
    if (host.isEmpty()) {
      return false;
    }
    for (String pattern : hosts) {
      String p = pattern.toLowerCase(Locale.ROOT);
      if (p.startsWith("*.") ? host.endsWith(p.substring(1)) : host.equals(p)) {
        return true;
      }
    }
    return false;
  }
}
