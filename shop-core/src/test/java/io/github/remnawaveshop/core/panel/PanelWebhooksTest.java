package io.github.remnawaveshop.core.panel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Signature checks with vectors computed here with javax.crypto, and event parsing. */
class PanelWebhooksTest {
  private static final String SECRET = "wh-secret-3f9a1c";
  private final PanelWebhooks webhooks = PanelWebhooks.builder().secret(SECRET).build();

  /** Independent HMAC: the code under test is not used to make the vector. */
  private static String sign(String secret, byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    StringBuilder hex = new StringBuilder();
    for (byte b : mac.doFinal(body)) {
      hex.append(String.format("%02x", b));
    }
    return hex.toString();
  }

  private static byte[] fixture(String name) {
    return PanelFixtures.json(name).getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void knownVectorVerifies() {
    // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
    PanelWebhooks jefe = PanelWebhooks.builder().secret("Jefe").build();
    assertThat(
            jefe.isSignatureValid(
                "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII)))
        .isTrue();
  }

  @Test
  void newExpirationEventIsVerifiedAndTyped() throws Exception {
    byte[] body = fixture("3.x/webhook-user-expiration.json");
    PanelWebhookEvent event = webhooks.verify(sign(SECRET, body), body);

    assertThat(event.scope()).isEqualTo("user");
    assertThat(event.event()).isEqualTo("user.expiration");
    assertThat(event.timestamp()).isEqualTo(Instant.parse("2026-12-22T12:00:00Z"));
    assertThat(event.isExpiryNotice()).isTrue();
    assertThat(event.expiresIn()).hasValue(Duration.ofHours(72));
    PanelUser user = event.user().orElseThrow();
    assertThat(user.id()).isEqualTo("1042");
    assertThat(user.telegramId()).hasValue(123456789L);
    assertThat(event.meta())
        .containsEntry("notificationType", "EXPIRES_IN")
        .containsEntry("hours", 72);
    assertThat(event.meta()).doesNotContainKey("extra");
    assertThat(event.rawData()).contains("\"username\":\"tg_123456789\"");
    assertThat(event.deliveryId()).hasSize(64);
  }

  @Test
  void legacyExpiryEventWithA2xUserIsTypedToo() throws Exception {
    byte[] body = fixture("3.x/webhook-user-expires-in-72-hours.json");
    PanelWebhookEvent event = webhooks.verify(sign(SECRET, body), body);
    assertThat(event.event()).isEqualTo("user.expires_in_72_hours");
    assertThat(event.isExpiryNotice()).isTrue();
    assertThat(event.expiresIn()).hasValue(Duration.ofHours(72));
    assertThat(event.user().orElseThrow().id()).isEqualTo("5f0e2a8c-2d4b-4c6e-9f1a-3b5d7e9f1a2c");
    assertThat(event.meta()).isEmpty();
  }

  @Test
  void uppercaseHexAndSurroundingSpaceAreAccepted() throws Exception {
    byte[] body = fixture("3.x/webhook-user-expiration.json");
    String sig = " " + sign(SECRET, body).toUpperCase(Locale.ROOT) + " ";
    assertThat(webhooks.verify(sig, body).event()).isEqualTo("user.expiration");
  }

  @Test
  void missingWrongOrForeignSignaturesAreRejected() throws Exception {
    byte[] body = fixture("3.x/webhook-user-expiration.json");
    for (String bad :
        new String[] {
          null,
          "",
          "   ",
          sign("another-secret", body),
          sign(SECRET, body).substring(2),
          "sha256=" + sign(SECRET, body),
          "zz" + sign(SECRET, body).substring(2)
        }) {
      PanelException e = assertThrows(PanelException.class, () -> webhooks.verify(bad, body));
      assertThat(e.kind()).isEqualTo(PanelException.Kind.INVALID_SIGNATURE);
      assertThat(e.getMessage()).doesNotContain(SECRET);
    }
  }

  @Test
  void aTamperedBodyIsRejected() throws Exception {
    byte[] body = fixture("3.x/webhook-user-expiration.json");
    String sig = sign(SECRET, body);
    byte[] tampered =
        new String(body, StandardCharsets.UTF_8)
            .replace("2026-12-25T12:00:00.000Z", "2027-12-25T12:00:00.000Z")
            .getBytes(StandardCharsets.UTF_8);
    assertThat(webhooks.isSignatureValid(sig, tampered)).isFalse();
    assertThrows(PanelException.class, () -> webhooks.verify(sig, tampered));
  }

  @Test
  void aSignedButMalformedBodyIsAnInvalidWebhook() throws Exception {
    for (String text :
        new String[] {
          "not json",
          "[1,2]",
          "{\"scope\":\"user\"}",
          "{\"event\":\"user.created\",\"timestamp\":\"yesterday\"}"
        }) {
      byte[] body = text.getBytes(StandardCharsets.UTF_8);
      PanelException e =
          assertThrows(PanelException.class, () -> webhooks.verify(sign(SECRET, body), body));
      assertThat(e.kind()).isEqualTo(PanelException.Kind.INVALID_WEBHOOK);
    }
  }

  @Test
  void redeliveriesShareADeliveryIdAndDifferentEventsDoNot() throws Exception {
    byte[] body = fixture("3.x/webhook-user-expiration.json");
    // a redelivery may be re-serialised with another key order or spacing: same event, same id
    String reordered =
        new String(body, StandardCharsets.UTF_8)
            .replace(
                "{\"scope\":\"user\",\"event\":\"user.expiration\",",
                "{\"event\":\"user.expiration\", \"scope\":\"user\",");
    byte[] redelivery = reordered.getBytes(StandardCharsets.UTF_8);
    String first = webhooks.verify(sign(SECRET, body), body).deliveryId();
    String again = webhooks.verify(sign(SECRET, body), body).deliveryId();
    String reorderedId = webhooks.verify(sign(SECRET, redelivery), redelivery).deliveryId();
    assertThat(again).isEqualTo(first);
    assertThat(reorderedId).isEqualTo(first);

    byte[] later =
        new String(body, StandardCharsets.UTF_8)
            .replace(
                "\"timestamp\":\"2026-12-22T12:00:00.000Z\"",
                "\"timestamp\":\"2026-12-24T12:00:00.000Z\"")
            .getBytes(StandardCharsets.UTF_8);
    byte[] otherUser =
        new String(body, StandardCharsets.UTF_8)
            .replace("\"id\":1042", "\"id\":1043")
            .getBytes(StandardCharsets.UTF_8);
    assertThat(webhooks.verify(sign(SECRET, later), later).deliveryId()).isNotEqualTo(first);
    assertThat(webhooks.verify(sign(SECRET, otherUser), otherUser).deliveryId())
        .isNotEqualTo(first);
  }

  @Test
  void nonUserEventsKeepTheirDataRaw() throws Exception {
    byte[] body =
        "{\"scope\":\"node\",\"event\":\"node.connection_lost\",\"timestamp\":\"2026-11-25T12:00:00Z\",\"data\":{\"uuid\":\"n-1\",\"name\":\"DE-1\"}}"
            .getBytes(StandardCharsets.UTF_8);
    PanelWebhookEvent e = webhooks.verify(sign(SECRET, body), body);
    assertThat(e.scope()).isEqualTo("node");
    assertThat(e.user()).isEmpty();
    assertThat(e.isExpiryNotice()).isFalse();
    assertThat(e.expiresIn()).isEmpty();
    assertThat(e.rawData()).isEqualTo("{\"uuid\":\"n-1\",\"name\":\"DE-1\"}");
  }

  @Test
  void theBuilderRefusesABlankSecretAndToStringHidesIt() {
    assertThrows(IllegalArgumentException.class, () -> PanelWebhooks.builder().build());
    assertThrows(IllegalArgumentException.class, () -> PanelWebhooks.builder().secret(" ").build());
    assertThat(webhooks.toString()).doesNotContain(SECRET);
  }
}
