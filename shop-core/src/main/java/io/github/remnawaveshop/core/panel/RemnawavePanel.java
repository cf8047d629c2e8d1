package io.github.remnawaveshop.core.panel;

import io.github.remnawaveshop.core.panel.internal.OkHttpRemnawavePanel;
import io.github.remnawaveshop.core.panel.internal.PanelClientConfig;
import io.github.remnawaveshop.core.payment.Secret;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.random.RandomGenerator;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * Client of the Remnawave panel REST API (3.x by default, 2.x by {@link Builder#dialect}).
 *
 * <p>Build once with {@link #builder()} and share: implementations are thread-safe and hold an
 * OkHttp connection pool. Every method either returns a value or throws {@link PanelException};
 * transient failures are retried according to the {@link PanelRetryPolicy}. "Not found" answers of
 * lookups become {@link Optional#empty()}.
 *
 * <pre>{@code
 * RemnawavePanel panel = RemnawavePanel.builder()
 *     .baseUrl("https://panel.example.com")
 *     .apiToken(Secret.of(System.getenv("REMNAWAVE_TOKEN")))
 *     .build();
 * EnsuredUser u = panel.ensureUser(
 *     CreateUserRequest.builder("tg_42", Instant.now().plus(Duration.ofDays(30))).telegramId(42).build());
 * }</pre>
 *
 * <p>Close the client at shutdown ({@link #close()}; e.g. {@code lifecycle.resource("panel",
 * panel)}): it releases the connection pool and dispatcher threads it created, never those of an
 * {@link Builder#okHttpClient OkHttp client handed to it}.
 */
public interface RemnawavePanel extends AutoCloseable {

  /**
   * Refuses further calls ({@link IllegalStateException}) and releases the OkHttp resources this
   * client created itself; an OkHttp client passed to {@link Builder#okHttpClient} is left open.
   * Idempotent. The default does nothing, for implementations that hold nothing.
   */
  @Override
  default void close() {}

  /**
   * A builder with the defaults: dialect {@link PanelDialect#V3}, proxy headers on, 5 s connect
   * timeout, 15 s read timeout, 30 s per-attempt call timeout, {@link PanelRetryPolicy#defaults()}.
   *
   * @return a new builder
   */
  static Builder builder() {
    return new Builder();
  }

  /**
   * The dialect this client speaks.
   *
   * @return the dialect
   */
  PanelDialect dialect();

  /**
   * Creates a user ({@code POST /api/users}). Not retried when the panel may have acted on it (see
   * {@link PanelRetryPolicy}); prefer {@link #ensureUser} which is safe to repeat.
   *
   * @param request what to create
   * @return the created user
   * @throws PanelException with kind {@link PanelException.Kind#CONFLICT} (A019) when the user name
   *     exists, or another kind
   */
  PanelUser createUser(CreateUserRequest request);

  /**
   * Returns the user with this name, creating it if absent; safe to call again after any failure.
   *
   * <p>Looks the name up first; creates only if absent; if the create answers "username already
   * exists" (A019) or its answer is lost (connection broke, 502/503/504, timeout), looks the name
   * up again and returns what the panel has, retrying within the retry policy. So a retry after a
   * lost answer neither fails nor makes a duplicate. An existing user is returned as it is: its
   * fields are not changed to match {@code request}.
   *
   * @param request what to create if absent; {@code request.username()} is the identity
   * @return the user and whether this call created it
   */
  EnsuredUser ensureUser(CreateUserRequest request);

  /**
   * Like {@link #ensureUser}, but first returns the oldest existing user with the request's
   * Telegram id, whatever its name: for shops that keep one panel user per Telegram account and may
   * generate a different user name on a retry.
   *
   * @param request what to create if absent; must have a Telegram id
   * @return the user and whether this call created it
   * @throws IllegalArgumentException if the request has no Telegram id
   */
  EnsuredUser ensureUserByTelegramId(CreateUserRequest request);

  /**
   * Gets a user by id ({@code GET /api/users/{id}}).
   *
   * @param id {@link PanelUser#id()}
   * @return the user, or empty if the panel does not know it
   */
  Optional<PanelUser> getUser(String id);

  /**
   * All users with this Telegram id, oldest first: by {@code createdAt}, and among equal creation
   * times (imports may set it) by id — numerically on 3.x, where ids are numbers (9 before 10). On
   * 3.x pages through {@code GET /api/users/stream} following {@code nextCursor} while {@code
   * hasMore}.
   *
   * @param telegramId the Telegram user id
   * @return the users (unmodifiable), empty if none
   */
  List<PanelUser> findByTelegramId(long telegramId);

  /**
   * Gets a user by name ({@code GET /api/users/by-username/{u}}).
   *
   * @param username the user name
   * @return the user, or empty
   */
  Optional<PanelUser> findByUsername(String username);

  /**
   * Gets a user by subscription short UUID ({@code GET /api/users/by-short-uuid/{s}}).
   *
   * @param shortUuid the short UUID
   * @return the user, or empty
   */
  Optional<PanelUser> findByShortUuid(String shortUuid);

  /**
   * Updates the present fields of a user ({@code PATCH /api/users}).
   *
   * @param request the update
   * @return the updated user
   */
  PanelUser updateUser(UpdateUserRequest request);

  /**
   * Enables a user ({@code POST /api/users/{id}/actions/enable}). The panel refuses to enable an
   * enabled user (A030); after a retry whose earlier attempt's answer was lost, that refusal means
   * the earlier attempt worked, and the user is returned as the panel now has it.
   *
   * @param id {@link PanelUser#id()}
   * @return the updated user
   * @throws PanelException of kind {@link PanelException.Kind#ALREADY_IN_STATE} when the user was
   *     enabled before this call
   */
  PanelUser enableUser(String id);

  /**
   * Disables a user ({@code POST /api/users/{id}/actions/disable}). For "the paid period ended" do
   * not disable: let {@code expireAt} pass, so the user shows as EXPIRED. The panel refuses to
   * disable a disabled user (A029); after a retry whose earlier attempt's answer was lost, that
   * refusal means the earlier attempt worked, and the user is returned as the panel now has it.
   *
   * @param id {@link PanelUser#id()}
   * @return the updated user
   * @throws PanelException of kind {@link PanelException.Kind#ALREADY_IN_STATE} when the user was
   *     disabled before this call
   */
  PanelUser disableUser(String id);

  /**
   * Resets the used traffic ({@code POST /api/users/{id}/actions/reset-traffic}).
   *
   * @param id {@link PanelUser#id()}
   * @return the updated user
   */
  PanelUser resetTraffic(String id);

  /**
   * Revokes the subscription link: a new short UUID and credentials ({@code POST
   * /api/users/{id}/actions/revoke}). Not retried when the panel may have acted.
   *
   * @param id {@link PanelUser#id()}
   * @return the updated user, with its new short UUID
   */
  PanelUser revokeSubscription(String id);

  /**
   * Extends access by whole days ({@code POST /api/users/{id}/actions/extend}, 3.x only). Not
   * retried when the panel may have acted: an unknown outcome surfaces as {@link
   * PanelException.Kind#UNAVAILABLE}, so the caller can check {@code expireAt} before trying again.
   *
   * @param id {@link PanelUser#id()}
   * @param days days to add, 1 or more
   * @return the updated user
   * @throws PanelException of kind {@link PanelException.Kind#UNSUPPORTED} on the 2.x dialect
   */
  PanelUser extendUser(String id, int days);

  /**
   * Deletes a user ({@code DELETE /api/users/{id}}). Deleting a user that is already gone is not an
   * error. A 404 after a retry whose earlier attempt's answer was lost means that attempt deleted
   * it: the result is then true.
   *
   * @param id {@link PanelUser#id()}
   * @return true if the panel deleted it (in this call), false if it did not exist before
   */
  boolean deleteUser(String id);

  /**
   * The internal squads ({@code GET /api/internal-squads}).
   *
   * @return the squads (unmodifiable)
   */
  List<InternalSquad> internalSquads();

  /**
   * The devices the panel has seen for a user ({@code GET /api/hwid/devices/{id}}).
   *
   * @param userId {@link PanelUser#id()}
   * @return the devices (unmodifiable)
   */
  List<HwidDevice> hwidDevices(String userId);

  /**
   * Forgets one device of a user ({@code POST /api/hwid/devices/delete}).
   *
   * @param userId {@link PanelUser#id()}
   * @param hwid the device's hardware id
   * @return the devices left (unmodifiable)
   */
  List<HwidDevice> deleteHwidDevice(String userId, String hwid);

  /**
   * Panel-wide statistics ({@code GET /api/system/stats}).
   *
   * @return the figures
   */
  SystemStats systemStats();

  /**
   * What the panel tells about a subscription ({@code GET /api/sub/{shortUuid}/info}).
   *
   * @param shortUuid the short UUID
   * @return the information, or empty if the panel does not know the short UUID
   */
  Optional<SubscriptionInfo> subscriptionInfo(String shortUuid);

  /**
   * Mutable builder of {@link RemnawavePanel}; not thread-safe. {@link #build()} validates every
   * setting and the built client keeps a copy, so the builder can be reused.
   */
  final class Builder {
    private @Nullable String baseUrl;
    private @Nullable String apiToken;
    private PanelDialect dialect = PanelDialect.V3;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration readTimeout = Duration.ofSeconds(15);
    private Duration callTimeout = Duration.ofSeconds(30);
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private boolean proxyHeaders = true;
    private String forwardedFor = "127.0.0.1";
    private PanelRetryPolicy retryPolicy = PanelRetryPolicy.defaults();
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.THREAD_SLEEP;
    private @Nullable RandomGenerator random;
    private @Nullable OkHttpClient okHttpClient;
    private int streamPageSize = 500;

    private Builder() {}

    /**
     * The panel's root URL, without {@code /api} (e.g. {@code https://panel.example.com} or {@code
     * https://example.com/panel}). Required.
     *
     * @param value an http or https URL
     * @return this builder
     */
    public Builder baseUrl(String value) {
      this.baseUrl = value;
      return this;
    }

    /**
     * The API token, sent as {@code Authorization: Bearer <token>}. Required. Never logged or shown
     * in messages: a {@link Secret}, like every secret the SDK takes.
     *
     * @param value the token, e.g. {@code Secret.of(System.getenv("REMNAWAVE_TOKEN"))}
     * @return this builder
     */
    public Builder apiToken(Secret value) {
      this.apiToken = java.util.Objects.requireNonNull(value, "apiToken").reveal();
      return this;
    }

    /**
     * The panel API version to speak; default {@link PanelDialect#V3}.
     *
     * @param value the dialect
     * @return this builder
     */
    public Builder dialect(PanelDialect value) {
      this.dialect = Objects.requireNonNull(value, "dialect");
      return this;
    }

    /**
     * TCP connect timeout; default 5 s.
     *
     * @param value positive
     * @return this builder
     */
    public Builder connectTimeout(Duration value) {
      this.connectTimeout = value;
      return this;
    }

    /**
     * Socket read timeout; default 15 s.
     *
     * @param value positive
     * @return this builder
     */
    public Builder readTimeout(Duration value) {
      this.readTimeout = value;
      return this;
    }

    /**
     * Timeout of one attempt, from connect to the end of the body; default 30 s. Retries add up to
     * {@link PanelRetryPolicy#maxElapsed()}.
     *
     * @param value positive
     * @return this builder
     */
    public Builder callTimeout(Duration value) {
      this.callTimeout = value;
      return this;
    }

    /**
     * An extra header on every request, e.g. {@code X-Api-Key} for a panel behind Caddy auth.
     * Setting the same name again replaces the value. {@code Authorization} is refused: use {@link
     * #apiToken}.
     *
     * @param name header name
     * @param value header value
     * @return this builder
     */
    public Builder header(String name, String value) {
      Objects.requireNonNull(name, "header name");
      Objects.requireNonNull(value, "header value");
      if (name.equalsIgnoreCase("Authorization")) {
        throw new IllegalArgumentException(
            "header 'Authorization' cannot be set directly; use apiToken(...)");
      }
      headers.put(name, value);
      return this;
    }

    /**
     * A cookie on every request, e.g. the one a reverse-proxy script in front of the panel needs.
     *
     * @param name cookie name
     * @param value cookie value
     * @return this builder
     */
    public Builder cookie(String name, String value) {
      Objects.requireNonNull(name, "cookie name");
      Objects.requireNonNull(value, "cookie value");
      if (name.isBlank() || name.contains("=") || name.contains(";")) {
        throw new IllegalArgumentException("cookie name is invalid: '" + name + "'");
      }
      if (value.contains(";")) {
        throw new IllegalArgumentException("cookie '" + name + "' value must not contain ';'");
      }
      cookies.put(name, value);
      return this;
    }

    /**
     * Whether to send {@code X-Forwarded-For}, {@code X-Real-IP} and {@code X-Forwarded-Proto:
     * https}; default on, because a production panel drops requests without them.
     *
     * @param enabled true to send them
     * @return this builder
     */
    public Builder proxyHeaders(boolean enabled) {
      this.proxyHeaders = enabled;
      return this;
    }

    /**
     * The address sent in {@code X-Forwarded-For} and {@code X-Real-IP}; default {@code 127.0.0.1}.
     *
     * @param address an IP address
     * @return this builder
     */
    public Builder forwardedFor(String address) {
      this.forwardedFor = address;
      return this;
    }

    /**
     * How transient failures are retried; default {@link PanelRetryPolicy#defaults()}.
     *
     * @param value the policy
     * @return this builder
     */
    public Builder retryPolicy(PanelRetryPolicy value) {
      this.retryPolicy = Objects.requireNonNull(value, "retryPolicy");
      return this;
    }

    /**
     * The clock for retry time budgets and {@code Retry-After} dates; default system UTC.
     *
     * @param value the clock
     * @return this builder
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * What waits between retries; default {@link Sleeper#THREAD_SLEEP}.
     *
     * @param value the sleeper
     * @return this builder
     */
    public Builder sleeper(Sleeper value) {
      this.sleeper = Objects.requireNonNull(value, "sleeper");
      return this;
    }

    /**
     * The source of retry jitter; default a new {@link Random}. Must be thread-safe if the client
     * is used from several threads ({@link Random} is).
     *
     * @param value the generator
     * @return this builder
     */
    public Builder random(RandomGenerator value) {
      this.random = Objects.requireNonNull(value, "random");
      return this;
    }

    /**
     * An OkHttp client to derive from (its pools and dispatcher are shared); the panel client sets
     * its own timeouts and turns OkHttp's silent retries off on the derived copy.
     *
     * @param value the client
     * @return this builder
     */
    public Builder okHttpClient(OkHttpClient value) {
      this.okHttpClient = Objects.requireNonNull(value, "okHttpClient");
      return this;
    }

    /**
     * Page size for the 3.x user stream; default 500, at most 1000 (the panel's limit).
     *
     * @param value 1 to 1000
     * @return this builder
     */
    public Builder streamPageSize(int value) {
      this.streamPageSize = value;
      return this;
    }

    /**
     * Validates the settings and builds the client.
     *
     * @return a thread-safe client
     * @throws IllegalArgumentException naming the bad setting and value
     */
    public RemnawavePanel build() {
      if (baseUrl == null || baseUrl.isBlank()) {
        throw new IllegalArgumentException("baseUrl is required");
      }
      HttpUrl url = HttpUrl.parse(baseUrl.trim());
      if (url == null) {
        throw new IllegalArgumentException("baseUrl is not an http(s) URL: '" + baseUrl + "'");
      }
      if (url.encodedPath().replaceAll("/+$", "").toLowerCase(Locale.ROOT).endsWith("/api")) {
        throw new IllegalArgumentException(
            "baseUrl must be the panel root without /api but was '" + baseUrl + "'");
      }
      if (apiToken == null || apiToken.isBlank()) {
        throw new IllegalArgumentException("apiToken is required");
      }
      if (apiToken.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
        throw new IllegalArgumentException(
            "apiToken contains whitespace or non-ASCII characters (value not shown)");
      }
      requirePositive("connectTimeout", connectTimeout);
      requirePositive("readTimeout", readTimeout);
      requirePositive("callTimeout", callTimeout);
      if (proxyHeaders && (forwardedFor == null || forwardedFor.isBlank())) {
        throw new IllegalArgumentException(
            "forwardedFor must not be blank when proxyHeaders is on");
      }
      if (streamPageSize < 1 || streamPageSize > 1000) {
        throw new IllegalArgumentException(
            "streamPageSize must be within [1, 1000] but was " + streamPageSize);
      }
      PanelClientConfig config =
          new PanelClientConfig(
              url,
              apiToken,
              dialect,
              connectTimeout,
              readTimeout,
              callTimeout,
              Map.copyOf(headers),
              new LinkedHashMap<>(cookies),
              proxyHeaders,
              forwardedFor,
              retryPolicy,
              clock,
              sleeper,
              random == null ? new Random() : random,
              Optional.ofNullable(okHttpClient),
              streamPageSize);
      return new OkHttpRemnawavePanel(config);
    }

    private static void requirePositive(String name, Duration value) {
      if (value == null || value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive but was " + value);
      }
    }
  }
}
