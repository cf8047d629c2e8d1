package io.github.remnawaveshop.payments.paypal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CertUrlPolicyTest {
  private final CertUrlPolicy defaults =
      new CertUrlPolicy(CertUrlPolicy.DEFAULT_HOSTS, Optional.empty());

  @Test
  void payPalsApiHostsOverHttpsAreAllowed() {
    for (String host : CertUrlPolicy.DEFAULT_HOSTS) {
      assertThat(
              defaults.refusal(
                  "https://" + host + "/v1/notifications/certs/CERT-360caa42-fca2a594-a5cafa77"))
          .as(host)
          .isEmpty();
    }
    assertThat(defaults.refusal("https://API.PayPal.com:443/v1/notifications/certs/CERT-1"))
        .isEmpty();
    assertThat(defaults.refusal("https://api.paypal.com./v1/notifications/certs/CERT-1")).isEmpty();
  }

  @Test
  void everythingElseIsRefused() {
    for (String url :
        new String[] {
          "http://api.paypal.com/v1/notifications/certs/CERT-1",
          "https://www.paypal.com/cert",
          "https://paypal.com/cert",
          "https://api.paypal.com.attacker.example/cert",
          "https://attacker.example/api.paypal.com/cert",
          "https://api.paypal.com@attacker.example/cert",
          "https://attacker.example#@api.paypal.com/cert",
          "https://api.paypal.com:8443/cert",
          "file:///etc/passwd",
          "//api.paypal.com/cert",
          "not a url",
          ""
        }) {
      assertThat(defaults.refusal(url)).as(url).isPresent();
    }
  }

  @Test
  void aWildcardAllowsEveryPayPalSubdomainButNotOthers() {
    CertUrlPolicy wide = new CertUrlPolicy(Set.of("*.paypal.com"), Optional.empty());
    assertThat(wide.refusal("https://www.paypal.com/cert")).isEmpty();
    assertThat(wide.refusal("https://api-m.sandbox.paypal.com/cert")).isEmpty();
    assertThat(wide.refusal("https://paypal.com/cert")).isPresent();
    assertThat(wide.refusal("https://evilpaypal.com/cert")).isPresent();
    assertThat(wide.refusal("https://www.paypal.com.evil.example/cert")).isPresent();
  }

  @Test
  void onlyPayPalOwnedHostsCanBeConfigured() {
    for (String bad :
        new String[] {
          "attacker.example",
          "*.com",
          "*",
          "paypal.com.evil.example",
          "evilpaypal.com",
          "api.paypal.com:8443",
          "*.*.paypal.com"
        }) {
      assertThatThrownBy(() -> CertUrlPolicy.checkPayPalOwned(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    CertUrlPolicy.checkPayPalOwned("paypal.com");
    CertUrlPolicy.checkPayPalOwned("*.paypal.com");
    CertUrlPolicy.checkPayPalOwned("api.paypal.com");
  }

  @Test
  void theTestOnlyPrefixAllowsExactlyWhatStartsWithIt() {
    CertUrlPolicy test =
        new CertUrlPolicy(CertUrlPolicy.DEFAULT_HOSTS, Optional.of("http://127.0.0.1:8080/certs/"));
    assertThat(test.refusal("http://127.0.0.1:8080/certs/CERT-1")).isEmpty();
    assertThat(test.refusal("http://127.0.0.1:8080/other/CERT-1")).isPresent();
    assertThat(test.refusal("http://127.0.0.1:80800/certs/CERT-1")).isPresent();
    assertThat(test.refusal("https://api.paypal.com/v1/notifications/certs/CERT-1")).isEmpty();
  }
}
