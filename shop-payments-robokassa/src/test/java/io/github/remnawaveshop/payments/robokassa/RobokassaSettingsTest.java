package io.github.remnawaveshop.payments.robokassa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.remnawaveshop.core.payment.GatewayConfigurationException;
import io.github.remnawaveshop.core.payment.GatewaySettings;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settings are validated with messages that name the setting and never show a password. */
class RobokassaSettingsTest {
  private final RobokassaGatewayProvider provider = new RobokassaGatewayProvider();

  private static Map<String, String> complete() {
    Map<String, String> m = new HashMap<>();
    m.put("merchant-login", "demo-shop");
    m.put("password1", "pw1-Kx93mQ2vL");
    m.put("password2", "pw2-Tz71nB8wR");
    return m;
  }

  private RobokassaGateway create(Map<String, String> values) {
    return (RobokassaGateway) provider.create(GatewaySettings.of("robokassa", values));
  }

  @Test
  void defaultsAreLiveMd5() {
    RobokassaGateway g = create(complete());
    assertThat(g.testMode()).isFalse();
    assertThat(g.hashAlgorithm()).isEqualTo(HashAlgorithm.MD5);
    assertThat(g.toString())
        .contains("demo-shop")
        .doesNotContain("pw1-Kx93mQ2vL")
        .doesNotContain("pw2-Tz71nB8wR");
  }

  @Test
  void testModeNeedsTheTestPasswords() {
    Map<String, String> m = complete();
    m.put("test-mode", "true");
    m.put("test-password1", "tpw1-Hq45cJ6sD");
    assertThatThrownBy(() -> create(m))
        .isInstanceOf(GatewayConfigurationException.class)
        .hasMessageContaining("test-password2")
        .hasMessageContaining("SHOP_PAYMENTS_ROBOKASSA_TEST_PASSWORD2")
        .hasMessageNotContaining("tpw1-Hq45cJ6sD");
    m.put("test-password2", "tpw2-Yf28pN3kG");
    assertThat(create(m).testMode()).isTrue();
  }

  @Test
  void badValuesAreNamed() {
    Map<String, String> m = complete();
    m.put("hash-algorithm", "whirlpool");
    assertThatThrownBy(() -> create(m))
        .isInstanceOf(GatewayConfigurationException.class)
        .hasMessageContaining("hash-algorithm")
        .hasMessageContaining("whirlpool");
    m.remove("hash-algorithm");
    m.put("culture", "de");
    assertThatThrownBy(() -> create(m)).hasMessageContaining("culture").hasMessageContaining("de");
    m.remove("culture");
    m.put("test-mode", "maybe");
    assertThatThrownBy(() -> create(m)).hasMessageContaining("test-mode");
    m.remove("test-mode");
    m.put("base-url", "ftp://example.org/pay");
    assertThatThrownBy(() -> create(m)).hasMessageContaining("base-url");
  }

  @Test
  void hashAlgorithmNamesAreLenient() {
    assertThat(HashAlgorithm.parse("ripemd-160")).contains(HashAlgorithm.RIPEMD160);
    assertThat(HashAlgorithm.parse("SHA-512")).contains(HashAlgorithm.SHA512);
    assertThat(HashAlgorithm.parse("sha1")).contains(HashAlgorithm.SHA1);
    assertThat(HashAlgorithm.parse("crc32")).isEmpty();
  }
}
