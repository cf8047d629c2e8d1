package io.github.remnawaveshop.core.panel;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.remnawaveshop.core.payment.Secret;
import io.github.remnawaveshop.testkit.panel.RemnawavePanelSimulator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

/** The examples of docs/panel.md, compiled and run (keep the two in step). */
class PanelDocExamplesTest {

  @Test
  void setUpProvisionAndHandleAWebhook() throws Exception {
    // --- simulator usage (docs: "Testing with the simulator")
    RemnawavePanelSimulator simulator =
        RemnawavePanelSimulator.builder().apiToken("my-token").build();
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(simulator);
      server.start();
      String panelUrl = server.url("/").toString();

      // --- setup (docs: "Setup")
      RemnawavePanel panel =
          RemnawavePanel.builder()
              .baseUrl(panelUrl) // the panel root, without /api
              .apiToken(Secret.of("my-token")) // sent as Authorization: Bearer …
              .header("X-Api-Key", "caddy-secret") // only if a Caddy auth sits in front
              .cookie("aBcDeF", "gHiJkL") // only if a reverse-proxy script wants a cookie
              .connectTimeout(Duration.ofSeconds(5))
              .callTimeout(Duration.ofSeconds(20))
              .retryPolicy(
                  PanelRetryPolicy.builder()
                      .maxAttempts(4)
                      .maxElapsed(Duration.ofSeconds(15))
                      .build())
              .build();

      // --- provisioning (docs: "ensureUser")
      simulator.loseResponseNext("POST /api/users", 1); // the classic failure
      CreateUserRequest request =
          CreateUserRequest.builder("tg_42", Instant.now().plus(Duration.ofDays(30)))
              .telegramId(42)
              .trafficLimitBytes(0) // unlimited
              .activeInternalSquads(simulator.internalSquadUuids())
              .build();
      EnsuredUser ensured = panel.ensureUser(request);
      String link = ensured.user().subscriptionUrl().orElseThrow();

      assertThat(link).contains(ensured.user().shortUuid());
      assertThat(simulator.usersCreated()).isEqualTo(1);

      // --- extend an existing user (docs: "Operations")
      PanelUser extended = panel.extendUser(ensured.user().id(), 30);
      assertThat(extended.expireAt()).isAfter(ensured.user().expireAt());
    }

    // --- webhooks (docs: "Webhooks")
    PanelWebhooks webhooks = PanelWebhooks.builder().secret("webhook-secret").build();
    Set<String> seen = ConcurrentHashMap.newKeySet(); // in production: a table with a unique key
    byte[] rawBody =
        ("{\"scope\":\"user\",\"event\":\"user.expiration\",\"timestamp\":\"2026-12-22T12:00:00Z\","
                + "\"data\":{\"id\":1,\"shortUuid\":\"s\",\"username\":\"tg_42\",\"expireAt\":\"2026-12-25T12:00:00Z\"},"
                + "\"meta\":{}}")
            .getBytes(StandardCharsets.UTF_8);
    String signatureHeader = hmacHex("webhook-secret", rawBody); // what the panel sends
    int reminders = 0;
    for (int delivery = 0; delivery < 3; delivery++) { // the panel retries
      PanelWebhookEvent event = webhooks.verify(signatureHeader, rawBody);
      if (!seen.add(event.deliveryId())) {
        continue; // a redelivery: already handled
      }
      if (event.isExpiryNotice()) {
        reminders++; // e.g. tell the customer "expires in " +
        // event.expiresIn().orElseThrow().toHours() + " h"
      }
    }
    assertThat(reminders).isEqualTo(1);
  }

  private static String hmacHex(String secret, byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body));
  }
}
