package io.github.remnawaveshop.core.panel;

import static io.github.remnawaveshop.core.panel.PanelFixtures.answer;
import static io.github.remnawaveshop.core.panel.PanelFixtures.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.remnawaveshop.core.payment.Secret;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The 2.x dialect: uuid ids, the by-telegram-id endpoint, userUuid for devices, no extend. */
class PanelV2DialectTest {
  private static final String UUID = "5f0e2a8c-2d4b-4c6e-9f1a-3b5d7e9f1a2c";
  private MockWebServer server;
  private RemnawavePanel panel;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    panel =
        RemnawavePanel.builder()
            .baseUrl(server.url("/").toString())
            .apiToken(Secret.of("t"))
            .dialect(PanelDialect.V2)
            .build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private RecordedRequest take() throws InterruptedException {
    return server.takeRequest(5, TimeUnit.SECONDS);
  }

  @Test
  void usersAreIdentifiedByUuid() throws Exception {
    server.enqueue(ok("2.x/user.json"));
    PanelUser user = panel.getUser(UUID).orElseThrow();
    assertThat(panel.dialect()).isEqualTo(PanelDialect.V2);
    assertThat(user.id()).isEqualTo(UUID);
    assertThat(user.uuid()).hasValue(UUID);
    assertThat(user.status()).isEqualTo(UserStatus.DISABLED);
    assertThat(user.traffic().usedTrafficBytes())
        .as("2.x keeps counters on the user")
        .isEqualTo(1024);
    assertThat(take().getUrl().encodedPath()).isEqualTo("/api/users/" + UUID);
  }

  @Test
  void telegramLookupUsesTheByTelegramIdEndpoint() throws Exception {
    String user = PanelFixtures.json("2.x/user.json");
    String inner = user.substring(user.indexOf(':') + 1, user.lastIndexOf('}'));
    server.enqueue(answer(200, "{\"response\":[" + inner + "]}"));
    List<PanelUser> users = panel.findByTelegramId(123456789);
    assertThat(users).extracting(PanelUser::id).containsExactly(UUID);
    assertThat(take().getUrl().encodedPath()).isEqualTo("/api/users/by-telegram-id/123456789");

    server.enqueue(answer(404, PanelFixtures.json("3.x/error-A063.json")));
    assertThat(panel.findByTelegramId(1)).isEmpty();
  }

  @Test
  void updateAndDeviceDeletionSendUuidFields() throws Exception {
    ObjectMapper json = new ObjectMapper();
    server.enqueue(ok("2.x/user.json"));
    panel.updateUser(UpdateUserRequest.byId(UUID).status(UserStatus.ACTIVE).build());
    JsonNode patch = json.readTree(take().getBody().utf8());
    assertThat(patch.get("uuid").asText()).isEqualTo(UUID);
    assertThat(patch.has("id")).isFalse();

    server.enqueue(answer(200, "{\"response\":{\"total\":0,\"devices\":[]}}"));
    assertThat(panel.deleteHwidDevice(UUID, "hw")).isEmpty();
    JsonNode del = json.readTree(take().getBody().utf8());
    assertThat(del.get("userUuid").asText()).isEqualTo(UUID);
    assertThat(del.has("userId")).isFalse();
  }

  @Test
  void extendIsUnsupportedAndSendsNothing() {
    PanelException e = assertThrows(PanelException.class, () -> panel.extendUser(UUID, 30));
    assertThat(e.kind()).isEqualTo(PanelException.Kind.UNSUPPORTED);
    assertThat(server.getRequestCount()).isZero();
  }
}
