package io.github.remnawaveshop.payments.stripe;

import io.github.remnawaveshop.core.payment.CheckoutRequest;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds the form of {@code POST /v1/checkout/sessions} from a {@link CheckoutRequest}: one line
 * item with inline {@code price_data} (recurring in subscription mode), the order reference as
 * {@code client_reference_id} and as {@code metadata[order_reference]} on the session and on the
 * object that outlives it (the PaymentIntent, or the Subscription, so refunds and renewals carry it
 * too).
 */
final class StripeCheckoutForm {
  /** Locales Stripe Checkout accepts; anything else is sent as {@code auto}. */
  private static final Set<String> CHECKOUT_LOCALES =
      Set.of(
          "bg", "cs", "da", "de", "el", "en", "en-GB", "es", "es-419", "et", "fi", "fil", "fr",
          "fr-CA", "hr", "hu", "id", "it", "ja", "ko", "lt", "lv", "ms", "mt", "nb", "nl", "pl",
          "pt", "pt-BR", "ro", "ru", "sk", "sl", "sv", "th", "tr", "vi", "zh", "zh-HK", "zh-TW");

  private StripeCheckoutForm() {}

  static StripeForm of(
      CheckoutRequest request,
      String successUrl,
      Optional<String> cancelUrl,
      String interval,
      int intervalCount) {
    boolean subscription = request.recurring();
    StripeForm form =
        new StripeForm()
            .add("mode", subscription ? "subscription" : "payment")
            .add("line_items[0][price_data][currency]", StripeAmounts.currency(request.amount()))
            .add("line_items[0][price_data][unit_amount]", StripeAmounts.toStripe(request.amount()))
            .add("line_items[0][price_data][product_data][name]", request.description());
    if (subscription) {
      form.add("line_items[0][price_data][recurring][interval]", interval)
          .add("line_items[0][price_data][recurring][interval_count]", intervalCount);
    }
    form.add("line_items[0][quantity]", 1).add("success_url", successUrl);
    cancelUrl.ifPresent(u -> form.add("cancel_url", u));
    form.add("client_reference_id", request.orderReference());
    Map<String, String> metadata = metadata(request);
    metadata.forEach((k, v) -> form.add("metadata[" + k + "]", v));
    String carrier = subscription ? "subscription_data" : "payment_intent_data";
    metadata.forEach((k, v) -> form.add(carrier + "[metadata][" + k + "]", v));
    request.customerEmail().ifPresent(e -> form.add("customer_email", e));
    form.add("locale", locale(request.locale()));
    return form;
  }

  /**
   * The caller's metadata (minus the gateway's own control keys), then the order reference and
   * customer id.
   */
  private static Map<String, String> metadata(CheckoutRequest request) {
    Map<String, String> m = new TreeMap<>();
    request
        .metadata()
        .forEach(
            (k, v) -> {
              if (!k.startsWith(StripeGateway.CONTROL_PREFIX)) {
                m.put(k, v);
              }
            });
    m.put(StripeEventParser.ORDER_REFERENCE, request.orderReference());
    m.put("customer_id", Long.toString(request.customerId()));
    return m;
  }

  static String locale(Locale locale) {
    String language =
        switch (locale.getLanguage()) {
          case "in" -> "id"; // the JDK's legacy code for Indonesian
          case "no", "nn" -> "nb";
          default -> locale.getLanguage();
        };
    if (!locale.getCountry().isEmpty()
        && CHECKOUT_LOCALES.contains(language + "-" + locale.getCountry())) {
      return language + "-" + locale.getCountry();
    }
    return CHECKOUT_LOCALES.contains(language) ? language : "auto";
  }
}
