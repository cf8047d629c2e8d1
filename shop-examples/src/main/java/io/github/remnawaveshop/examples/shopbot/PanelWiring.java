package io.github.remnawaveshop.examples.shopbot;

import io.github.remnawaveshop.core.ops.HealthCheck;
import io.github.remnawaveshop.core.panel.RemnawavePanel;
import io.github.remnawaveshop.core.payment.Secret;
import io.github.remnawaveshop.testkit.panel.RemnawavePanelSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import mockwebserver3.MockWebServer;

/**
 * The Remnawave panel: the one at {@code PANEL_URL} with {@code PANEL_TOKEN}, or the panel
 * simulator from {@code shop-testkit} on a local port (users kept in memory, two internal squads).
 * Either way the real {@link RemnawavePanel} client talks to it over HTTP.
 *
 * @param client the panel client
 * @param simulator the simulator, when embedded
 * @param health a probe of the panel ({@code GET /api/system/stats})
 */
record PanelWiring(
    RemnawavePanel client, Optional<RemnawavePanelSimulator> simulator, HealthCheck health) {
  /** The simulator's squads. */
  static final List<String> SQUADS = List.of("Default-Squad", "Premium-Squad");

  static PanelWiring open(ShopConfig config, Resources resources, StartupReport report) {
    RemnawavePanel client;
    Optional<RemnawavePanelSimulator> simulator = Optional.empty();
    if (config.panelUrl().isPresent()) {
      client =
          RemnawavePanel.builder()
              .baseUrl(config.panelUrl().get())
              .apiToken(config.panelToken().orElseThrow())
              .build();
      report.real("panel", config.panelUrl().get());
    } else {
      String token = "embedded-panel-token";
      RemnawavePanelSimulator sim =
          RemnawavePanelSimulator.builder()
              .apiToken(token)
              .requireProxyHeaders(false)
              .seed(new SecureRandom().nextLong())
              .internalSquads(SQUADS)
              .build();
      MockWebServer server = new MockWebServer();
      server.setDispatcher(sim);
      try {
        server.start();
      } catch (IOException e) {
        throw new UncheckedIOException("could not start the panel simulator", e);
      }
      resources.add("panel simulator", server);
      client =
          RemnawavePanel.builder()
              .baseUrl(server.url("/").toString())
              .apiToken(Secret.of(token))
              .build();
      simulator = Optional.of(sim);
      report.embedded(
          "panel",
          "Remnawave panel simulator at "
              + server.url("/")
              + " (users in memory, squads "
              + SQUADS
              + ")");
    }
    RemnawavePanel panel = client;
    HealthCheck health =
        HealthCheck.of(
            "panel",
            () -> {
              panel.systemStats();
              return "";
            });
    return new PanelWiring(panel, simulator, health);
  }
}
