package io.github.remnawaveshop.testkit.panel;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/**
 * A Remnawave panel (3.x API) for tests: a MockWebServer {@link Dispatcher} that keeps users,
 * internal squads and HWID devices in memory and serves them over real HTTP.
 *
 * <pre>{@code
 * RemnawavePanelSimulator panel = RemnawavePanelSimulator.builder().apiToken("t").build();
 * MockWebServer server = new MockWebServer();
 * server.setDispatcher(panel);
 * server.start();
 * // point the client at server.url("/") with token "t"
 * panel.loseResponseNext("POST /api/users", 1); // the next create is applied, its answer lost
 * }</pre>
 *
 * <p>Like the 3.x panel: ids are numbers; a create may carry {@code createdAt} (imports), so two
 * users can share a creation time; enable and disable are not idempotent (repeating one is refused
 * with 400 A030 "already enabled" / A029 "already disabled").
 *
 * <p>Served: {@code POST /api/users}, {@code GET /api/users/{id}}, {@code GET /api/users/stream}
 * (telegramId, cursor, size ≤ 1000), {@code GET /api/users/by-username/{u}}, {@code
 * /by-short-uuid/{s}}, {@code PATCH /api/users}, {@code POST /api/users/{id}/actions/{enable,
 * disable,reset-traffic,revoke,extend}}, {@code DELETE /api/users/{id}}, {@code GET
 * /api/internal-squads}, {@code GET /api/hwid/devices/{id}}, {@code POST /api/hwid/devices/delete},
 * {@code GET /api/system/stats}, {@code GET /api/sub/{s}/info}. Others answer 404 like the panel's
 * framework does.
 *
 * <p>Rules applied as the panel does: user name 3–36 of {@code [A-Za-z0-9_-]}, unique (A019);
 * {@code expireAt} required and ISO-8601; status and traffic strategy values; tag {@code
 * ^[A-Z0-9_]{1,16}$}; on update only ACTIVE/DISABLED and a future {@code expireAt}. Errors use the
 * panel's bodies ({@code {timestamp, path, message, errorCode}} with A019/A063/…, and validation
 * errors {@code {message, statusCode, errors}}). A user whose {@code expireAt} has passed reads as
 * EXPIRED (by the simulator's clock). Requests without {@code Authorization: Bearer <token>} get
 * 401; with {@link Builder#requireProxyHeaders} on (default), requests without {@code
 * X-Forwarded-For} and {@code X-Forwarded-Proto: https} have their connection dropped, as the
 * production panel does.
 *
 * <p>Failures are queued per request pattern (a regular expression matched against {@code "METHOD
 * /path"}, without the query) and consumed in order. Thread-safe: one lock guards the state;
 * MockWebServer may call it from several threads.
 */
public final class RemnawavePanelSimulator extends Dispatcher {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern ANY = Pattern.compile(".*");

  private final Object lock = new Object();
  private final Clock clock;
  private final String apiToken;
  private final boolean requireProxyHeaders;
  private final SimulatedPanelState state;
  private final FaultInjector faults;
  private final List<String> requestLog = new ArrayList<>();
  private int rejectedForProxyHeaders;
  private int rejectedForAuth;

  private RemnawavePanelSimulator(Builder b) {
    this.clock = b.clock;
    this.faults = new FaultInjector(b.timePasses);
    this.apiToken = b.apiToken;
    this.requireProxyHeaders = b.requireProxyHeaders;
    this.state =
        new SimulatedPanelState(b.clock, b.seed, b.subscriptionBaseUrl, b.maxStreamPageSize);
    for (String squad : b.squads) {
      state.squads().add(squad);
    }
  }

  /**
   * A builder with token {@code test-token}, proxy headers required, the system clock, one squad
   * named {@code Default-Squad}, stream pages of up to 1000.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    HttpUrl url = request.getUrl();
    String method = request.getMethod();
    String line = method + " " + url.encodedPath();
    synchronized (lock) {
      requestLog.add(line + (url.encodedQuery() == null ? "" : "?" + url.encodedQuery()));
      if (requireProxyHeaders
          && (request.getHeaders().get("X-Forwarded-For") == null
              || !"https".equals(request.getHeaders().get("X-Forwarded-Proto")))) {
        rejectedForProxyHeaders++;
        return PanelResponses.drop();
      }
      if (!("Bearer " + apiToken).equals(request.getHeaders().get("Authorization"))) {
        rejectedForAuth++;
        return PanelResponses.respond(PanelErrors.unauthorized(), Duration.ZERO);
      }
      SimulatedFault fault = faults.take(line);
      MockResponse instead = faults.instead(fault);
      if (instead != null) {
        return instead;
      }
      return FaultInjector.afterApplying(fault, handle(request, url));
    }
  }

  private SimulatedAnswer handle(RecordedRequest request, HttpUrl url) {
    List<String> segments = url.pathSegments();
    if (segments.isEmpty() || !segments.get(0).equals("api")) {
      return PanelErrors.noRoute(request.getMethod(), url.encodedPath());
    }
    JsonNode body = null;
    if (request.getBody() != null && request.getBody().size() > 0) {
      try {
        body = MAPPER.readTree(request.getBody().utf8());
      } catch (JacksonException e) {
        return PanelErrors.validation("body", "invalid_json", "Body is not valid JSON");
      }
    }
    Map<String, String> query = new LinkedHashMap<>();
    for (String name : url.queryParameterNames()) {
      String value = url.queryParameter(name);
      if (value != null && !value.isEmpty()) {
        query.put(name, value);
      }
    }
    try {
      return state.handle(
          request.getMethod(),
          segments.subList(1, segments.size()),
          query,
          body,
          url.encodedPath());
    } catch (PanelErrors.Failure f) {
      return f.answer;
    }
  }

  // ---- failure injection

  /**
   * The next {@code count} requests matching {@code requestRegex} get HTTP {@code status} with an
   * HTML body (as a reverse proxy in front of a down panel answers) and change nothing.
   *
   * @param requestRegex matched against {@code "METHOD /path"}, e.g. {@code "GET /api/users/.*"}
   * @param count how many requests
   * @param status e.g. 503
   */
  public void failNext(String requestRegex, int count, int status) {
    addFault(requestRegex, SimulatedFault.Type.STATUS, count, status, Duration.ZERO, -1);
  }

  /**
   * The next {@code count} requests of any kind get HTTP {@code status}.
   *
   * @param count how many requests
   * @param status e.g. 503
   */
  public void failNext(int count, int status) {
    failNext(ANY.pattern(), count, status);
  }

  /**
   * The next {@code count} matching requests get HTTP {@code status} (as {@link #failNext(String,
   * int, int)}) after {@code answerTime}: a panel that is down and slow to say so. With {@link
   * Builder#timePasses} set, the time passes through it (e.g. on a test clock: the answer comes at
   * once in real time, so tests do not wait); otherwise the answer is really delayed.
   *
   * @param requestRegex matched against {@code "METHOD /path"}
   * @param count how many requests
   * @param status e.g. 503
   * @param answerTime how long each answer takes
   */
  public void failSlowlyNext(String requestRegex, int count, int status, Duration answerTime) {
    Objects.requireNonNull(answerTime, "answerTime");
    if (answerTime.isNegative()) {
      throw new IllegalArgumentException("answerTime must not be negative but was " + answerTime);
    }
    addFault(requestRegex, SimulatedFault.Type.STATUS, count, status, answerTime, -1);
  }

  /**
   * The next {@code count} matching requests get HTTP 429 with {@code Retry-After: seconds}.
   *
   * @param requestRegex matched against {@code "METHOD /path"}
   * @param count how many requests
   * @param retryAfterSeconds the header value
   */
  public void rateLimitNext(String requestRegex, int count, long retryAfterSeconds) {
    if (retryAfterSeconds < 0) {
      throw new IllegalArgumentException(
          "retryAfterSeconds must be >= 0 but was " + retryAfterSeconds);
    }
    addFault(
        requestRegex, SimulatedFault.Type.STATUS, count, 429, Duration.ZERO, retryAfterSeconds);
  }

  /**
   * The next {@code count} matching requests are applied normally but answered only after {@code
   * delay} (for client timeout tests).
   *
   * @param requestRegex matched against {@code "METHOD /path"}
   * @param count how many requests
   * @param delay the delay before the response headers
   */
  public void delayNext(String requestRegex, int count, Duration delay) {
    Objects.requireNonNull(delay, "delay");
    addFault(requestRegex, SimulatedFault.Type.DELAY, count, 0, delay, -1);
  }

  /**
   * The next {@code count} matching requests are not applied and their connection is closed without
   * an answer.
   *
   * @param requestRegex matched against {@code "METHOD /path"}
   * @param count how many requests
   */
  public void dropNext(String requestRegex, int count) {
    addFault(requestRegex, SimulatedFault.Type.DROP, count, 0, Duration.ZERO, -1);
  }

  /**
   * The next {@code count} matching requests ARE applied (a user is created, an action done), then
   * the connection is closed instead of answering: the lost-answer failure that made public bots
   * create duplicates or fail with A019 on retry.
   *
   * @param requestRegex matched against {@code "METHOD /path"}, e.g. {@code "POST /api/users"}
   * @param count how many requests
   */
  public void loseResponseNext(String requestRegex, int count) {
    addFault(requestRegex, SimulatedFault.Type.LOSE_RESPONSE, count, 0, Duration.ZERO, -1);
  }

  /** Forgets every queued failure. */
  public void clearFaults() {
    synchronized (lock) {
      faults.clear();
    }
  }

  private void addFault(
      String regex,
      SimulatedFault.Type type,
      int count,
      int status,
      Duration delay,
      long retryAfter) {
    SimulatedFault f = FaultInjector.fault(regex, type, count, status, delay, retryAfter);
    synchronized (lock) {
      faults.add(f);
    }
  }

  // ---- inspection

  /**
   * Users successfully created through the API since the simulator was built (not counting {@link
   * #putUser}): lets a test assert "provisioned once".
   *
   * @return the count
   */
  public int usersCreated() {
    synchronized (lock) {
      return state.users().created();
    }
  }

  /**
   * Users currently on the simulated panel.
   *
   * @return the count
   */
  public int userCount() {
    synchronized (lock) {
      return state.users().size();
    }
  }

  /**
   * Every request received, as {@code "METHOD /path?query"}, in order (including rejected ones).
   *
   * @return a snapshot (unmodifiable)
   */
  public List<String> requestLog() {
    synchronized (lock) {
      return List.copyOf(requestLog);
    }
  }

  /**
   * How many received requests match {@code requestRegex} (against {@code "METHOD /path"}).
   *
   * @param requestRegex the pattern
   * @return the count
   */
  public long requestCount(String requestRegex) {
    Pattern p = Pattern.compile(requestRegex);
    synchronized (lock) {
      return requestLog.stream()
          .map(l -> l.replaceFirst("\\?.*$", ""))
          .filter(l -> p.matcher(l).matches())
          .count();
    }
  }

  /**
   * Requests dropped because the proxy headers were missing.
   *
   * @return the count
   */
  public int rejectedForProxyHeaders() {
    synchronized (lock) {
      return rejectedForProxyHeaders;
    }
  }

  /**
   * Requests answered 401 because the bearer token was missing or wrong.
   *
   * @return the count
   */
  public int rejectedForAuth() {
    synchronized (lock) {
      return rejectedForAuth;
    }
  }

  /**
   * The user with this name as the API would show it.
   *
   * @param username the user name
   * @return a copy of the user JSON, or empty
   */
  public Optional<JsonNode> user(String username) {
    synchronized (lock) {
      return state.users().findByUsername(username).map(state.users()::view);
    }
  }

  /**
   * Every user as the API would show it, by id.
   *
   * @return copies of the user JSON (unmodifiable list)
   */
  public List<JsonNode> users() {
    synchronized (lock) {
      List<JsonNode> out = new ArrayList<>();
      state.users().all().forEach(u -> out.add(state.users().view(u)));
      return List.copyOf(out);
    }
  }

  // ---- state set-up, as an operator would do it on the panel

  /**
   * Creates a user directly, with the same rules as {@code POST /api/users} (not counted in {@link
   * #usersCreated()}).
   *
   * @param username the user name
   * @param expireAt expiry
   * @param telegramId Telegram id, or null
   * @return the user JSON
   * @throws IllegalArgumentException when the panel would refuse it
   */
  public JsonNode putUser(String username, Instant expireAt, Long telegramId) {
    return putUser(username, expireAt, telegramId, null);
  }

  /**
   * Creates a user directly with a given creation time (as an import through {@code POST
   * /api/users} with {@code createdAt} does), not counted in {@link #usersCreated()}.
   *
   * @param username the user name
   * @param expireAt expiry
   * @param telegramId Telegram id, or null
   * @param createdAt creation time, or null for now
   * @return the user JSON
   * @throws IllegalArgumentException when the panel would refuse it
   */
  public JsonNode putUser(String username, Instant expireAt, Long telegramId, Instant createdAt) {
    ObjectNode body = MAPPER.createObjectNode();
    if (createdAt != null) {
      body.put("createdAt", PanelJson.time(createdAt));
    }
    body.put("username", username);
    body.put("expireAt", PanelJson.time(expireAt));
    if (telegramId != null) {
      body.put("telegramId", telegramId.longValue());
    }
    synchronized (lock) {
      try {
        ObjectNode u = state.users().create(body, "/api/users");
        state.users().uncountCreate();
        return state.users().view(u);
      } catch (PanelErrors.Failure f) {
        throw new IllegalArgumentException("the panel would refuse this user: " + f.answer.body());
      }
    }
  }

  /**
   * Deletes a user directly (as an operator deleting it in the panel UI).
   *
   * @param username the user name
   * @return true if it existed
   */
  public boolean removeUser(String username) {
    synchronized (lock) {
      Optional<ObjectNode> u = state.users().findByUsername(username);
      u.ifPresent(x -> state.deleteUser(x.get("id").asLong()));
      return u.isPresent();
    }
  }

  /**
   * Sets a field of a stored user directly, bypassing validation (e.g. {@code "status"}, {@code
   * "LIMITED"}, or an {@code expireAt} in the past to simulate drift).
   *
   * @param username the user name
   * @param field the field
   * @param value the new value (string, number or boolean)
   * @throws IllegalArgumentException when there is no such user
   */
  public void setUserField(String username, String field, Object value) {
    synchronized (lock) {
      ObjectNode u =
          state
              .users()
              .findByUsername(username)
              .orElseThrow(
                  () -> new IllegalArgumentException("no simulated user '" + username + "'"));
      if (value instanceof Instant) {
        u.put(field, PanelJson.time((Instant) value));
      } else {
        u.set(field, MAPPER.valueToTree(value));
      }
    }
  }

  /**
   * Adds an internal squad.
   *
   * @param name display name
   * @return its UUID
   */
  public String addInternalSquad(String name) {
    synchronized (lock) {
      return state.squads().add(Objects.requireNonNull(name, "name"));
    }
  }

  /**
   * UUIDs of the internal squads, in order.
   *
   * @return the UUIDs (unmodifiable)
   */
  public List<String> internalSquadUuids() {
    synchronized (lock) {
      return state.squads().uuids();
    }
  }

  /**
   * Records a device for a user, as if its client app had connected.
   *
   * @param userId the user's numeric id
   * @param hwid the hardware id
   * @param platform e.g. {@code android}
   */
  public void addHwidDevice(long userId, String hwid, String platform) {
    synchronized (lock) {
      state
          .devices()
          .add(
              userId,
              Objects.requireNonNull(hwid, "hwid"),
              Objects.requireNonNull(platform, "platform"));
    }
  }

  @Override
  public String toString() {
    return "RemnawavePanelSimulator[users=" + userCount() + ", token=***]";
  }

  /** Mutable builder of {@link RemnawavePanelSimulator}; not thread-safe. */
  public static final class Builder {
    private String apiToken = "test-token";
    private boolean requireProxyHeaders = true;
    private Clock clock = Clock.systemUTC();
    private java.util.function.Consumer<Duration> timePasses;
    private long seed = 42;
    private String subscriptionBaseUrl = "https://sub.example.test/api/sub";
    private int maxStreamPageSize = 1000;
    private final List<String> squads = new ArrayList<>(List.of("Default-Squad"));

    private Builder() {}

    /**
     * The token clients must send as {@code Authorization: Bearer <token>}.
     *
     * @param value the token
     * @return this builder
     */
    public Builder apiToken(String value) {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException("apiToken must not be blank");
      }
      this.apiToken = value;
      return this;
    }

    /**
     * Whether requests lacking {@code X-Forwarded-For} and {@code X-Forwarded-Proto: https} are
     * dropped (the production panel's proxy check); default true.
     *
     * @param value true to require them
     * @return this builder
     */
    public Builder requireProxyHeaders(boolean value) {
      this.requireProxyHeaders = value;
      return this;
    }

    /**
     * The panel's clock: creation times, "expireAt must be in the future", EXPIRED status.
     *
     * @param value the clock
     * @return this builder
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * How a slow answer's time passes ({@link #failSlowlyNext}): by default the answer is really
     * delayed; give a test clock's {@code advance} to move simulated time instead, so tests do not
     * wait.
     *
     * @param value called with each slow answer's duration, e.g. {@code clock::advance}
     * @return this builder
     */
    public Builder timePasses(java.util.function.Consumer<Duration> value) {
      this.timePasses = Objects.requireNonNull(value, "timePasses");
      return this;
    }

    /**
     * Seed for generated short UUIDs and passwords (runs are reproducible).
     *
     * @param value the seed
     * @return this builder
     */
    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    /**
     * Prefix of {@code subscriptionUrl}; the short UUID is appended after a slash.
     *
     * @param value the URL prefix
     * @return this builder
     */
    public Builder subscriptionBaseUrl(String value) {
      this.subscriptionBaseUrl = Objects.requireNonNull(value, "subscriptionBaseUrl");
      return this;
    }

    /**
     * Largest page the stream endpoint returns, whatever {@code size} asks (to test paging).
     *
     * @param value 1 to 1000
     * @return this builder
     */
    public Builder maxStreamPageSize(int value) {
      if (value < 1 || value > 1000) {
        throw new IllegalArgumentException(
            "maxStreamPageSize must be within [1, 1000] but was " + value);
      }
      this.maxStreamPageSize = value;
      return this;
    }

    /**
     * Internal squads present at start (replaces the default one).
     *
     * @param names squad names
     * @return this builder
     */
    public Builder internalSquads(List<String> names) {
      this.squads.clear();
      this.squads.addAll(names);
      return this;
    }

    /**
     * Builds the simulator.
     *
     * @return a new simulator with its own state
     */
    public RemnawavePanelSimulator build() {
      return new RemnawavePanelSimulator(this);
    }
  }
}
