package io.github.remnawaveshop.core.panel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.remnawaveshop.core.payment.Secret;
import io.github.remnawaveshop.testkit.panel.RemnawavePanelSimulator;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link RemnawavePanel#close()}: later calls are refused; a handed-in OkHttp client stays open.
 */
class PanelCloseTest {
  private MockWebServer server;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.setDispatcher(RemnawavePanelSimulator.builder().apiToken("sim-token").build());
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aClosedClientRefusesCallsAndClosingTwiceIsHarmless() {
    RemnawavePanel panel =
        RemnawavePanel.builder()
            .baseUrl(server.url("/").toString())
            .apiToken(Secret.of("sim-token"))
            .build();
    assertThat(panel.findByUsername("tg_1")).isEmpty();
    panel.close();
    panel.close();
    assertThatThrownBy(() -> panel.findByUsername("tg_1"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void anOkHttpClientHandedInIsLeftOpen() throws Exception {
    OkHttpClient shared = new OkHttpClient();
    try (RemnawavePanel panel =
        RemnawavePanel.builder()
            .baseUrl(server.url("/").toString())
            .apiToken(Secret.of("sim-token"))
            .okHttpClient(shared)
            .build()) {
      assertThat(panel.findByUsername("tg_1")).isEmpty();
    }
    assertThat(shared.dispatcher().executorService().isShutdown()).isFalse();
    shared.dispatcher().executorService().shutdown();
  }
}
