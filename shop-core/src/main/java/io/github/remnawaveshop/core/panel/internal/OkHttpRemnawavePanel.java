package io.github.remnawaveshop.core.panel.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.remnawaveshop.core.panel.CreateUserRequest;
import io.github.remnawaveshop.core.panel.EnsuredUser;
import io.github.remnawaveshop.core.panel.HwidDevice;
import io.github.remnawaveshop.core.panel.InternalSquad;
import io.github.remnawaveshop.core.panel.PanelDialect;
import io.github.remnawaveshop.core.panel.PanelException;
import io.github.remnawaveshop.core.panel.PanelException.Kind;
import io.github.remnawaveshop.core.panel.PanelUser;
import io.github.remnawaveshop.core.panel.RemnawavePanel;
import io.github.remnawaveshop.core.panel.SubscriptionInfo;
import io.github.remnawaveshop.core.panel.SystemStats;
import io.github.remnawaveshop.core.panel.UpdateUserRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OkHttp + Jackson implementation of {@link RemnawavePanel}. Thread-safe; build it with {@link
 * RemnawavePanel#builder()}. Not API.
 */
public final class OkHttpRemnawavePanel implements RemnawavePanel {
  private static final Logger LOG = LoggerFactory.getLogger("io.github.remnawaveshop.core.panel");

  /** Upper bound on stream pages, so a panel that always says hasMore cannot loop us forever. */
  private static final int MAX_STREAM_PAGES = 1000;

  /**
   * Oldest first: by {@code createdAt} (unknown last), then by id — numerically for 3.x's numeric
   * ids (9 before 10), as text for 2.x's UUIDs — so equal creation times (imports) still order by
   * creation.
   */
  static final Comparator<PanelUser> OLDEST_FIRST =
      Comparator.comparing((PanelUser u) -> u.createdAt().orElse(Instant.MAX))
          .thenComparing(OkHttpRemnawavePanel::compareIds);

  private final PanelClientConfig config;
  private final PanelDialect dialect;
  private final PanelHttp http;

  /**
   * Creates the client.
   *
   * @param config validated settings
   */
  public OkHttpRemnawavePanel(PanelClientConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.dialect = config.dialect();
    this.http = new PanelHttp(config);
  }

  @Override
  public void close() {
    http.close();
  }

  @Override
  public PanelDialect dialect() {
    return dialect;
  }

  @Override
  public PanelUser createUser(CreateUserRequest request) {
    Objects.requireNonNull(request, "request");
    JsonNode node =
        http.execute(
            call("POST", List.of("users"), PanelJson.createBody(request), RetryMode.UNSAFE));
    PanelUser user = PanelJson.user(node, dialect);
    LOG.info("panel user created: id={} username={}", user.id(), user.username());
    return user;
  }

  @Override
  public EnsuredUser ensureUser(CreateUserRequest request) {
    Objects.requireNonNull(request, "request");
    Optional<PanelUser> existing = findByUsername(request.username());
    if (existing.isPresent()) {
      return new EnsuredUser(existing.get(), false);
    }
    Instant start = config.clock().instant();
    PanelHttp.Call describe = call("POST", List.of("users"), null, RetryMode.UNSAFE);
    for (int attempt = 1; ; attempt++) {
      PanelException failure;
      try {
        return new EnsuredUser(createUser(request), true);
      } catch (PanelException e) {
        failure = e;
      }
      boolean outcomeUnknown =
          failure.kind() == Kind.UNAVAILABLE
              || failure.kind() == Kind.TIMEOUT
              || failure.kind() == Kind.RATE_LIMITED
              || failure.kind() == Kind.INVALID_RESPONSE
              || failure.kind() == Kind.SERVER_ERROR;
      if (failure.kind() != Kind.CONFLICT && !outcomeUnknown) {
        throw failure;
      }
      // A019, or the create may have been applied with its answer lost: ask the panel
      Optional<PanelUser> found;
      try {
        found = findByUsername(request.username());
      } catch (PanelException lookupFailure) {
        failure.addSuppressed(lookupFailure);
        found = Optional.empty();
      }
      if (found.isPresent()) {
        LOG.info(
            "panel user {} already there after a {} create answer; not creating again",
            request.username(),
            failure.kind());
        return new EnsuredUser(found.get(), failure.kind() != Kind.CONFLICT);
      }
      if (failure.kind() == Kind.CONFLICT || attempt >= config.retryPolicy().maxAttempts()) {
        throw failure;
      }
      Duration delay = http.jittered(config.retryPolicy().backoff(attempt));
      Duration elapsed = Duration.between(start, config.clock().instant());
      if (elapsed.plus(delay).compareTo(config.retryPolicy().maxElapsed()) > 0) {
        throw failure;
      }
      http.sleep(delay, describe);
    }
  }

  @Override
  public EnsuredUser ensureUserByTelegramId(CreateUserRequest request) {
    Objects.requireNonNull(request, "request");
    if (request.telegramId().isEmpty()) {
      throw new IllegalArgumentException(
          "ensureUserByTelegramId needs a request with a telegramId");
    }
    List<PanelUser> users = findByTelegramId(request.telegramId().getAsLong());
    if (!users.isEmpty()) {
      return new EnsuredUser(users.get(0), false);
    }
    return ensureUser(request);
  }

  @Override
  public Optional<PanelUser> getUser(String id) {
    return optional(() -> user(http.execute(call("GET", List.of("users", requireId(id)), null))));
  }

  @Override
  public List<PanelUser> findByTelegramId(long telegramId) {
    List<PanelUser> out = new ArrayList<>();
    if (dialect == PanelDialect.V2) {
      Optional<JsonNode> node =
          optional(
              () ->
                  http.execute(
                      call(
                          "GET",
                          List.of("users", "by-telegram-id", Long.toString(telegramId)),
                          null)));
      node.ifPresent(n -> usersOf(n).forEach(u -> out.add(user(u))));
    } else {
      Set<String> cursorsSeen = new HashSet<>();
      String cursor = null;
      for (int page = 0; page < MAX_STREAM_PAGES; page++) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("telegramId", Long.toString(telegramId));
        if (cursor != null) {
          query.put("cursor", cursor);
        }
        query.put("size", Integer.toString(config.streamPageSize()));
        JsonNode node =
            http.execute(
                new PanelHttp.Call(
                    "GET", List.of("users", "stream"), query, null, RetryMode.IDEMPOTENT));
        usersOf(node).forEach(u -> out.add(user(u)));
        boolean hasMore = node.path("hasMore").asBoolean(false);
        String next = PanelJson.text(node, "nextCursor").orElse(null);
        if (!hasMore || next == null) {
          break;
        }
        if (!cursorsSeen.add(next)) {
          throw PanelJson.invalid("panel user stream repeated cursor '" + next + "'");
        }
        cursor = next;
      }
    }
    out.sort(OLDEST_FIRST);
    return List.copyOf(out);
  }

  @Override
  public Optional<PanelUser> findByUsername(String username) {
    Objects.requireNonNull(username, "username");
    return optional(
        () -> user(http.execute(call("GET", List.of("users", "by-username", username), null))));
  }

  @Override
  public Optional<PanelUser> findByShortUuid(String shortUuid) {
    Objects.requireNonNull(shortUuid, "shortUuid");
    return optional(
        () -> user(http.execute(call("GET", List.of("users", "by-short-uuid", shortUuid), null))));
  }

  @Override
  public PanelUser updateUser(UpdateUserRequest request) {
    Objects.requireNonNull(request, "request");
    return user(
        http.execute(
            call(
                "PATCH",
                List.of("users"),
                PanelJson.updateBody(request, dialect),
                RetryMode.IDEMPOTENT)));
  }

  @Override
  public PanelUser enableUser(String id) {
    return stateAction(id, "enable", "A030");
  }

  @Override
  public PanelUser disableUser(String id) {
    return stateAction(id, "disable", "A029");
  }

  /**
   * Enable and disable are not idempotent on the wire: repeating one is refused with {@code
   * alreadyCode}. They are retried all the same, and a refusal after a retry whose earlier attempt
   * may have been applied means it was: the user is read back and returned.
   */
  private PanelUser stateAction(String id, String action, String alreadyCode) {
    String userId = requireId(id);
    return user(
        http.execute(
            call("POST", List.of("users", userId, "actions", action), null, RetryMode.IDEMPOTENT),
            failure ->
                failure.errorCode().filter(alreadyCode::equals).isPresent()
                    ? Optional.of(http.execute(call("GET", List.of("users", userId), null)))
                    : Optional.empty()));
  }

  @Override
  public PanelUser resetTraffic(String id) {
    return action(id, "reset-traffic", null, RetryMode.IDEMPOTENT);
  }

  @Override
  public PanelUser revokeSubscription(String id) {
    return action(id, "revoke", JsonNodeFactory.instance.objectNode(), RetryMode.UNSAFE);
  }

  @Override
  public PanelUser extendUser(String id, int days) {
    if (days < 1) {
      throw new IllegalArgumentException("days must be >= 1 but was " + days);
    }
    if (dialect == PanelDialect.V2) {
      throw new PanelException(
          Kind.UNSUPPORTED, "extendUser needs panel 3.x; on 2.x use updateUser with expireAt");
    }
    ObjectNode body = JsonNodeFactory.instance.objectNode().put("days", days);
    return action(id, "extend", body, RetryMode.UNSAFE);
  }

  @Override
  public boolean deleteUser(String id) {
    try {
      // a 404 after a retry whose earlier attempt may have been applied: that attempt deleted it
      http.execute(
          call("DELETE", List.of("users", requireId(id)), null),
          failure ->
              failure.kind() == Kind.NOT_FOUND
                  ? Optional.of(MissingNode.getInstance())
                  : Optional.empty());
      return true;
    } catch (PanelException e) {
      if (e.kind() == Kind.NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public List<InternalSquad> internalSquads() {
    return PanelJson.squads(http.execute(call("GET", List.of("internal-squads"), null)));
  }

  @Override
  public List<HwidDevice> hwidDevices(String userId) {
    return PanelJson.devices(
        http.execute(call("GET", List.of("hwid", "devices", requireId(userId)), null)));
  }

  @Override
  public List<HwidDevice> deleteHwidDevice(String userId, String hwid) {
    Objects.requireNonNull(hwid, "hwid");
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    PanelJson.putId(
        body, dialect == PanelDialect.V3 ? "userId" : "userUuid", requireId(userId), dialect);
    body.put("hwid", hwid);
    return PanelJson.devices(
        http.execute(
            call("POST", List.of("hwid", "devices", "delete"), body, RetryMode.IDEMPOTENT)));
  }

  @Override
  public SystemStats systemStats() {
    return PanelJson.stats(http.execute(call("GET", List.of("system", "stats"), null)));
  }

  @Override
  public Optional<SubscriptionInfo> subscriptionInfo(String shortUuid) {
    Objects.requireNonNull(shortUuid, "shortUuid");
    return optional(() -> http.execute(call("GET", List.of("sub", shortUuid, "info"), null)))
        .flatMap(PanelJson::subscriptionInfo);
  }

  @Override
  public String toString() {
    return "RemnawavePanel[" + config.baseUrl() + ", " + dialect + "]";
  }

  private PanelUser action(String id, String action, @Nullable JsonNode body, RetryMode mode) {
    return user(
        http.execute(call("POST", List.of("users", requireId(id), "actions", action), body, mode)));
  }

  private PanelUser user(JsonNode node) {
    return PanelJson.user(node, dialect);
  }

  private static Iterable<JsonNode> usersOf(JsonNode node) {
    if (node.isArray()) {
      return node;
    }
    JsonNode users = node.path("users");
    if (!users.isArray()) {
      throw PanelJson.invalid("expected a 'users' array in the panel's answer");
    }
    return users;
  }

  private static PanelHttp.Call call(String method, List<String> path, @Nullable JsonNode body) {
    return new PanelHttp.Call(method, path, Map.of(), body, RetryMode.IDEMPOTENT);
  }

  private static PanelHttp.Call call(
      String method, List<String> path, @Nullable JsonNode body, RetryMode mode) {
    return new PanelHttp.Call(method, path, Map.of(), body, mode);
  }

  private static int compareIds(PanelUser a, PanelUser b) {
    String x = a.id();
    String y = b.id();
    if (isNumber(x) && isNumber(y)) {
      return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
    }
    return x.compareTo(y);
  }

  private static boolean isNumber(String s) {
    return !s.isEmpty() && s.charAt(0) != '0' && s.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  private static String requireId(String id) {
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("user id must not be blank");
    }
    return id;
  }

  private static <T> Optional<T> optional(Supplier<T> lookup) {
    try {
      return Optional.of(lookup.get());
    } catch (PanelException e) {
      if (e.kind() == Kind.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }
}
