package io.github.remnawaveshop.core.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link GatewaySettings#list}, {@link GatewaySettings#httpUrl} and the {@link
 * GatewaySettings.Problems} collector.
 */
class GatewaySettingsHelpersTest {
  private static GatewaySettings settings(Map<String, String> values) {
    return GatewaySettings.of("demopay", values);
  }

  @Test
  void listsSplitOnCommasAndSpacesAndDropRepeats() {
    GatewaySettings s = settings(Map.of("currencies", " USD, EUR  RUB,,USD "));
    assertThat(s.list("currencies", List.of())).containsExactly("USD", "EUR", "RUB");
    assertThat(s.list("cert-hosts", List.of("a.example"))).containsExactly("a.example");
  }

  @Test
  void httpUrlsMustBeAbsoluteHttpOrHttpsWithAHost() {
    GatewaySettings s =
        settings(
            Map.of(
                "ok",
                "https://pay.example/cb",
                "ftp",
                "ftp://pay.example",
                "relative",
                "/cb",
                "bad",
                "http://exa mple"));
    assertThat(s.httpUrl("ok", null)).isEqualTo(URI.create("https://pay.example/cb"));
    assertThat(s.httpUrl("absent", URI.create("http://d.example")))
        .isEqualTo(URI.create("http://d.example"));
    for (String name : List.of("ftp", "relative", "bad")) {
      assertThatThrownBy(() -> s.httpUrl(name, null))
          .isInstanceOfSatisfying(
              GatewayConfigurationException.class,
              e ->
                  assertThat(e.problems())
                      .containsExactly(
                          "setting '"
                              + name
                              + "' must be an http(s) URL; was '"
                              + s.get(name).orElseThrow()
                              + "'"));
    }
  }

  @Test
  void problemsAreCollectedAndReportedAtOnce() {
    GatewaySettings s = settings(Map.of("base-url", "ftp://x", "tolerance", "soon"));
    GatewaySettings.Problems problems = s.problems();
    assertThat(problems.require("api-key")).isEmpty();
    assertThat(problems.requireSecret("webhook-secret")).isEmpty();
    problems.read("base-url", () -> s.httpUrl("base-url", null));
    problems.read("tolerance", () -> s.duration("tolerance", null));
    problems.read(
        "mode",
        () -> {
          throw new IllegalArgumentException("must be a or b");
        });
    problems.invalid("culture", "must be ru or en; was 'de'");
    assertThat(problems.isEmpty()).isFalse();
    assertThatThrownBy(problems::throwIfAny)
        .isInstanceOfSatisfying(
            GatewayConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "missing setting 'api-key' (property shop.payments.demopay.api-key or environment "
                            + "SHOP_PAYMENTS_DEMOPAY_API_KEY)",
                        "missing setting 'webhook-secret' (property shop.payments.demopay.webhook-secret or environment "
                            + "SHOP_PAYMENTS_DEMOPAY_WEBHOOK_SECRET)",
                        "setting 'base-url' must be an http(s) URL; was 'ftp://x'",
                        "setting 'tolerance' must be a duration like PT5M or seconds; was 'soon'",
                        "setting 'mode': must be a or b",
                        "setting 'culture' must be ru or en; was 'de'"));
    GatewaySettings.Problems none = s.problems();
    none.throwIfAny();
    assertThat(none.lines()).isEmpty();
  }
}
