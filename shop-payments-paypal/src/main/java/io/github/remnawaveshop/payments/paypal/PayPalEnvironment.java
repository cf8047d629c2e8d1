package io.github.remnawaveshop.payments.paypal;

import java.net.URI;
import java.util.Locale;

/**
 * Which PayPal installation a gateway talks to; picks the REST API base. Sandbox credentials,
 * webhooks and buyer accounts exist only in the sandbox, live ones only live.
 */
public enum PayPalEnvironment {
  /** The sandbox ({@code https://api-m.sandbox.paypal.com}): test money, test buyer accounts. */
  SANDBOX(URI.create("https://api-m.sandbox.paypal.com/")),
  /** Live payments ({@code https://api-m.paypal.com}). */
  LIVE(URI.create("https://api-m.paypal.com/"));

  private final URI apiBase;

  PayPalEnvironment(URI apiBase) {
    this.apiBase = apiBase;
  }

  /** The REST API base of this environment, ending with {@code /}. */
  public URI apiBase() {
    return apiBase;
  }

  /**
   * Parses a setting value, {@code sandbox} or {@code live} in any case.
   *
   * @throws IllegalArgumentException for anything else, naming the value
   */
  public static PayPalEnvironment parse(String value) {
    switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "sandbox":
        return SANDBOX;
      case "live":
        return LIVE;
      default:
        throw new IllegalArgumentException("must be sandbox or live; was '" + value + "'");
    }
  }
}
