package io.github.remnawaveshop.core.panel;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.remnawaveshop.core.panel.PanelException.Kind;
import io.github.remnawaveshop.core.panel.internal.PanelJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Verifies and parses the webhooks a Remnawave panel sends to the shop.
 *
 * <p>The panel signs the raw body: header {@value #SIGNATURE_HEADER} is the lowercase hex
 * HMAC-SHA256 of the body bytes with the webhook secret. {@link #verify} checks it in constant time
 * ({@link MessageDigest#isEqual}) and only then parses. Pass the body exactly as received:
 * re-serialised JSON will not verify.
 *
 * <p>The panel retries a delivery 3 times, 5 s apart, so handlers must be idempotent. {@link
 * PanelWebhookEvent#deliveryId()} helps: it is the hex SHA-256 of {@code event}, {@code timestamp},
 * {@code scope} and the subject (the user's {@code id}/{@code uuid}/{@code username} when the data
 * has one, otherwise the raw {@code data} JSON), so every redelivery of one event has the same id
 * while two events about the same user at different times do not. Store it with a unique constraint
 * and skip repeats.
 *
 * <p>Immutable and thread-safe; build once with {@link #builder()}.
 */
public final class PanelWebhooks {

  /** The signature header. */
  public static final String SIGNATURE_HEADER = "X-Remnawave-Signature";

  /** The timestamp header the panel also sends (informative; the body carries the timestamp). */
  public static final String TIMESTAMP_HEADER = "X-Remnawave-Timestamp";

  private final byte[] secret;
  private final PanelDialect dialect;

  private PanelWebhooks(byte[] secret, PanelDialect dialect) {
    this.secret = secret;
    this.dialect = dialect;
  }

  /**
   * A builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Whether the signature is the HMAC of the body. Never throws for bad input.
   *
   * @param signature the {@value #SIGNATURE_HEADER} header value; null or blank is invalid
   * @param rawBody the body bytes exactly as received
   * @return true when the signature matches
   */
  public boolean isSignatureValid(String signature, byte[] rawBody) {
    if (signature == null || signature.isBlank() || rawBody == null) {
      return false;
    }
    byte[] expected = hmacHex(rawBody).getBytes(StandardCharsets.US_ASCII);
    byte[] given = signature.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, given);
  }

  /**
   * Verifies the signature and parses the event.
   *
   * @param signature the {@value #SIGNATURE_HEADER} header value (null when absent)
   * @param rawBody the body bytes exactly as received
   * @return the event
   * @throws PanelException {@link Kind#INVALID_SIGNATURE} when the signature is missing or wrong,
   *     {@link Kind#INVALID_WEBHOOK} when the body is not an event
   */
  public PanelWebhookEvent verify(String signature, byte[] rawBody) {
    if (signature == null || signature.isBlank()) {
      throw new PanelException(
          Kind.INVALID_SIGNATURE, "panel webhook has no " + SIGNATURE_HEADER + " header");
    }
    if (!isSignatureValid(signature, rawBody)) {
      throw new PanelException(Kind.INVALID_SIGNATURE, "panel webhook signature does not match");
    }
    return parse(rawBody);
  }

  private PanelWebhookEvent parse(byte[] rawBody) {
    JsonNode root;
    try {
      root = PanelJson.MAPPER.readTree(rawBody);
    } catch (IOException e) {
      throw new PanelException(Kind.INVALID_WEBHOOK, 0, null, "panel webhook body is not JSON", e);
    }
    if (root == null || !root.isObject()) {
      throw new PanelException(Kind.INVALID_WEBHOOK, "panel webhook body is not a JSON object");
    }
    try {
      String event = PanelJson.requiredText(root, "event", "webhook");
      String scope =
          PanelJson.text(root, "scope")
              .orElseGet(() -> event.contains(".") ? event.substring(0, event.indexOf('.')) : "");
      Instant timestamp =
          PanelJson.instant(root, "timestamp")
              .orElseThrow(() -> PanelJson.invalid("webhook has no 'timestamp'"));
      JsonNode data = root.path("data");
      Optional<PanelUser> user = Optional.empty();
      if ("user".equals(scope) && data.isObject() && data.has("username")) {
        user = Optional.of(PanelJson.user(data, userDialect(data)));
      }
      Map<String, Object> meta =
          root.path("meta").isObject()
              ? PanelJson.MAPPER.convertValue(
                  root.get("meta"), new TypeReference<Map<String, Object>>() {})
              : Map.of();
      String rawData = data.isMissingNode() ? "null" : data.toString();
      String subject =
          PanelJson.text(data, "id")
              .or(() -> PanelJson.text(data, "uuid"))
              .or(() -> PanelJson.text(data, "username"))
              .orElse(rawData);
      String deliveryId =
          sha256Hex(event + '\n' + root.get("timestamp").asText() + '\n' + scope + '\n' + subject);
      return new PanelWebhookEvent(
          deliveryId, scope, event, timestamp, user, nullFree(meta), rawData);
    } catch (PanelException e) {
      throw new PanelException(
          Kind.INVALID_WEBHOOK,
          0,
          null,
          "panel webhook is not a valid event: " + e.getMessage(),
          e);
    } catch (IllegalArgumentException e) {
      throw new PanelException(
          Kind.INVALID_WEBHOOK, 0, null, "panel webhook meta is not valid: " + e.getMessage(), e);
    }
  }

  private PanelDialect userDialect(JsonNode data) {
    // a 2.x panel's users carry a uuid and no numeric id; read them either way
    if (dialect == PanelDialect.V3 && !data.has("id") && data.has("uuid")) {
      return PanelDialect.V2;
    }
    return dialect;
  }

  private static Map<String, Object> nullFree(Map<String, Object> meta) {
    Map<String, Object> copy = new LinkedHashMap<>();
    meta.forEach(
        (k, v) -> {
          if (v != null) {
            copy.put(k, v);
          }
        });
    return copy;
  }

  private String hmacHex(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }

  private static String sha256Hex(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is not available in this JVM", e);
    }
  }

  @Override
  public String toString() {
    return "PanelWebhooks[secret=***]";
  }

  /** Mutable builder of {@link PanelWebhooks}; not thread-safe. */
  public static final class Builder {
    private @Nullable String secret;
    private PanelDialect dialect = PanelDialect.V3;

    private Builder() {}

    /**
     * The webhook secret configured on the panel. Required; never logged or shown.
     *
     * @param value the secret
     * @return this builder
     */
    public Builder secret(String value) {
      this.secret = value;
      return this;
    }

    /**
     * How user objects in events are read; default {@link PanelDialect#V3}.
     *
     * @param value the dialect
     * @return this builder
     */
    public Builder dialect(PanelDialect value) {
      this.dialect = Objects.requireNonNull(value, "dialect");
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the verifier
     * @throws IllegalArgumentException when the secret is missing or blank
     */
    public PanelWebhooks build() {
      if (secret == null || secret.isBlank()) {
        throw new IllegalArgumentException("secret is required and must not be blank");
      }
      return new PanelWebhooks(secret.getBytes(StandardCharsets.UTF_8), dialect);
    }
  }
}
