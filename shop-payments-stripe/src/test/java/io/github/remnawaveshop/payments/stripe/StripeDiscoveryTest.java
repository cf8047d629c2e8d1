package io.github.remnawaveshop.payments.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.remnawaveshop.core.payment.GatewaySettings;
import io.github.remnawaveshop.core.payment.PaymentGatewayProvider;
import io.github.remnawaveshop.core.payment.PaymentGateways;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * The plugin is found through {@link ServiceLoader} from its own jar (here: its classes directory)
 * and nothing else: the class loader below hides every service registration of the test class path
 * and adds back only this module's output.
 */
class StripeDiscoveryTest {
  private static final String SERVICE =
      "META-INF/services/" + PaymentGatewayProvider.class.getName();

  /**
   * Loads classes from the test class path but sees service files only from this module's own
   * output.
   */
  private static ClassLoader onlyTheStripePlugin() {
    URL pluginLocation =
        StripeGatewayProvider.class.getProtectionDomain().getCodeSource().getLocation();
    ClassLoader servicesHidden =
        new ClassLoader(StripeDiscoveryTest.class.getClassLoader()) {
          @Override
          public Enumeration<URL> getResources(String name) throws IOException {
            return name.startsWith("META-INF/services/")
                ? Collections.emptyEnumeration()
                : super.getResources(name);
          }

          @Override
          public URL getResource(String name) {
            return name.startsWith("META-INF/services/") ? null : super.getResource(name);
          }
        };
    return new URLClassLoader(new URL[] {pluginLocation}, servicesHidden);
  }

  @Test
  void serviceLoaderFindsExactlyTheStripeProviderFromItsJar() {
    List<String> found = new ArrayList<>();
    ServiceLoader.load(PaymentGatewayProvider.class, onlyTheStripePlugin())
        .forEach(p -> found.add(p.id()));
    assertThat(found).containsExactly("stripe");
  }

  @Test
  void discoveredAndConfiguredFromSettingsWithoutCodeChange() {
    Map<String, String> env =
        Map.of(
            "SHOP_PAYMENTS_STRIPE_SECRET_KEY", StripeFixtures.SECRET_KEY,
            "SHOP_PAYMENTS_STRIPE_WEBHOOK_SECRET", StripeFixtures.WEBHOOK_SECRET,
            "SHOP_PAYMENTS_STRIPE_CURRENCIES", "USD");

    PaymentGateways gateways =
        PaymentGateways.builder()
            .classLoader(onlyTheStripePlugin())
            .discover(id -> GatewaySettings.fromEnvironment(id, env))
            .build();

    assertThat(gateways.problems()).isEmpty();
    assertThat(gateways.all()).hasSize(1);
    assertThat(gateways.get("stripe"))
        .get()
        .isInstanceOf(StripeGateway.class)
        .extracting(g -> g.supportedCurrencies())
        .isEqualTo(java.util.Set.of("USD"));
  }

  @Test
  void foundButUnconfiguredIsSkippedAndHalfConfiguredIsAProblem() {
    PaymentGateways none =
        PaymentGateways.builder()
            .classLoader(onlyTheStripePlugin())
            .discover(id -> GatewaySettings.of(id, Map.of()))
            .build();
    PaymentGateways half =
        PaymentGateways.builder()
            .classLoader(onlyTheStripePlugin())
            .strict(false)
            .discover(id -> GatewaySettings.of(id, Map.of("secret-key", StripeFixtures.SECRET_KEY)))
            .build();

    assertThat(none.all()).isEmpty();
    assertThat(half.all()).isEmpty();
    assertThat(half.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.gatewayId()).isEqualTo("stripe");
              assertThat(p.message())
                  .contains("webhook-secret")
                  .doesNotContain(StripeFixtures.SECRET_KEY);
            });
  }
}
