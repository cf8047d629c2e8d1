package io.github.remnawaveshop.payments.tck.demo;

import io.github.remnawaveshop.core.payment.GatewayResources;
import io.github.remnawaveshop.core.payment.GatewaySettings;
import io.github.remnawaveshop.core.payment.PaymentGateway;
import io.github.remnawaveshop.core.payment.PaymentGatewayProvider;
import java.time.Duration;
import java.util.Set;

/**
 * The provider of the DemoPay example gateway. Not registered for {@link java.util.ServiceLoader}
 * in this jar (the kit is on every plugin's test class path): add it explicitly, e.g. {@code
 * PaymentGateways.builder().add(new DemoPayGatewayProvider().create(settings))}, or register it in
 * your own {@code META-INF/services/io.github.remnawaveshop.core.payment.PaymentGatewayProvider}.
 * Settings (prefix {@code shop.payments.demopay.}): {@code api-key} and {@code webhook-secret}
 * (required, secrets), {@code api-base-url} (default {@link DemoPayGateway#DEFAULT_BASE_URL}),
 * {@code tolerance} (default {@code PT5M}). Stateless.
 */
public final class DemoPayGatewayProvider implements PaymentGatewayProvider {

  /** For {@link java.util.ServiceLoader}. */
  public DemoPayGatewayProvider() {}

  @Override
  public String id() {
    return DemoPayGateway.ID;
  }

  @Override
  public Set<String> requiredSettings() {
    return Set.of("api-key", "webhook-secret");
  }

  /** A standalone gateway with its own HTTP client, released by its {@code close()}. */
  @Override
  public PaymentGateway create(GatewaySettings settings) {
    return builder(settings).build();
  }

  /** A gateway on the shop's shared HTTP client and clock, as discovery creates it. */
  @Override
  public PaymentGateway create(GatewaySettings settings, GatewayResources resources) {
    return builder(settings).resources(resources).build();
  }

  private static DemoPayGateway.Builder builder(GatewaySettings settings) {
    GatewaySettings.Problems problems = settings.problems();
    DemoPayGateway.Builder b = DemoPayGateway.builder();
    problems.requireSecret("api-key").ifPresent(b::apiKey);
    problems.requireSecret("webhook-secret").ifPresent(b::webhookSecret);
    problems.read(
        "api-base-url",
        () -> b.baseUrl(settings.httpUrl("api-base-url", DemoPayGateway.DEFAULT_BASE_URL)));
    problems.read(
        "tolerance",
        () -> {
          Duration tolerance = settings.duration("tolerance", Duration.ofMinutes(5));
          if (tolerance.isNegative() || tolerance.isZero()) {
            problems.invalid("tolerance", "must be positive; was " + tolerance);
          } else {
            b.tolerance(tolerance);
          }
        });
    problems.throwIfAny(); // every missing or bad setting in one exception
    return b;
  }

  @Override
  public String toString() {
    return "DemoPayGatewayProvider";
  }
}
