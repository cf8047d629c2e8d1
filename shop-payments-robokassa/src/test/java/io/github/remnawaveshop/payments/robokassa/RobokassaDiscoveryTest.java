package io.github.remnawaveshop.payments.robokassa;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.remnawaveshop.core.payment.GatewaySettings;
import io.github.remnawaveshop.core.payment.PaymentGatewayProvider;
import io.github.remnawaveshop.core.payment.PaymentGateways;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * With this module's jar as the only plugin on the class path (its test class path holds shop-core,
 * the TCK and no other gateway), ServiceLoader finds the Robokassa provider and discovery creates
 * it from properties alone: adding the jar is all a shop does.
 */
class RobokassaDiscoveryTest {

  @Test
  void serviceLoaderFindsOnlyRobokassa() {
    List<String> ids =
        ServiceLoader.load(PaymentGatewayProvider.class).stream().map(p -> p.get().id()).toList();
    assertThat(ids).containsExactly("robokassa");
  }

  @Test
  void discoveryCreatesTheGatewayFromProperties() {
    Properties props = new Properties();
    props.setProperty("shop.payments.robokassa.merchant-login", "demo-shop");
    props.setProperty("shop.payments.robokassa.password1", "pw1-Kx93mQ2vL");
    props.setProperty("shop.payments.robokassa.password2", "pw2-Tz71nB8wR");
    props.setProperty("shop.payments.robokassa.hash-algorithm", "sha-256");
    PaymentGateways gateways =
        PaymentGateways.builder().discover(id -> GatewaySettings.fromProperties(id, props)).build();
    assertThat(gateways.all()).hasSize(1);
    RobokassaGateway gateway = (RobokassaGateway) gateways.get("robokassa").orElseThrow();
    assertThat(gateway.hashAlgorithm()).isEqualTo(HashAlgorithm.SHA256);
    assertThat(gateway.testMode()).isFalse();
  }

  @Test
  void unconfiguredPluginIsSkipped() {
    PaymentGateways gateways =
        PaymentGateways.builder().discover(id -> GatewaySettings.of(id, Map.of())).build();
    assertThat(gateways.all()).isEmpty();
    assertThat(gateways.problems()).isEmpty();
  }
}
