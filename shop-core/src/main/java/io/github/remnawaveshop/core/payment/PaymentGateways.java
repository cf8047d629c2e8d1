package io.github.remnawaveshop.core.payment;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The set of payment gateways a shop uses: added explicitly, or discovered from plugin jars on the
 * class path through {@link ServiceLoader}. Immutable and thread-safe once built.
 *
 * <pre>{@code
 * PaymentGateways gateways = PaymentGateways.builder()
 *     .discover(id -> GatewaySettings.fromEnvironment(id, System.getenv()))
 *     .add(myTestGateway)
 *     .build();
 * }</pre>
 *
 * <p>Discovery follows SLF4J's lead: a plugin jar that fails to load is reported and skipped, so it
 * cannot take the others down; a provider with no settings at all is skipped as "not configured"; a
 * provider with some settings but not all is reported as a {@link Problem} (or fails {@code
 * build()} in {@linkplain Builder#strict(boolean) strict} mode, the default). Explicitly added
 * gateways win over discovered ones with the same id, and every choice is logged.
 *
 * <p>Shared resources: every discovered provider gets the same {@link GatewayResources} (one HTTP
 * client, one clock) through {@link PaymentGatewayProvider#create(GatewaySettings,
 * GatewayResources)}: the ones given to {@link Builder#resources}, or else resources around one
 * {@link ProviderHttp#defaultClient()} built here, and only when a provider is created.
 *
 * <p>Lifecycle: {@link #close()} closes the gateways discovery created, then the client built here,
 * if any. Gateways {@linkplain Builder#add added} explicitly and resources given to the builder
 * belong to the caller and are left open.
 */
public final class PaymentGateways implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PaymentGateways.class);

  private final Map<String, PaymentGateway> byId;
  private final List<Problem> problems;
  private final List<PaymentGateway> discovered;
  private final Optional<OkHttpClient> ownedClient;
  private final AtomicBoolean closed = new AtomicBoolean();

  private PaymentGateways(
      Map<String, PaymentGateway> byId,
      List<Problem> problems,
      List<PaymentGateway> discovered,
      Optional<OkHttpClient> ownedClient) {
    this.byId = Collections.unmodifiableMap(new LinkedHashMap<>(byId));
    this.problems = List.copyOf(problems);
    this.discovered = List.copyOf(discovered);
    this.ownedClient = ownedClient;
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** All gateways, in the order they were added or found. */
  public List<PaymentGateway> all() {
    return List.copyOf(byId.values());
  }

  /** The gateway with this id. */
  public Optional<PaymentGateway> get(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** Plugins that were found but could not be loaded or configured (only in non-strict mode). */
  public List<Problem> problems() {
    return problems;
  }

  /**
   * A plugin that could not be used.
   *
   * @param gatewayId the provider's id, or the class name when the provider did not even load
   * @param message what went wrong, without secrets
   */
  public record Problem(String gatewayId, String message) {}

  /**
   * Closes the gateways discovery created (last found first), then releases the HTTP client built
   * for them when the builder was given no {@link GatewayResources}. Explicitly added gateways are
   * not closed: their creator owns them. A gateway that fails to close is logged and the others are
   * still closed. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    closeAll(discovered, ownedClient);
  }

  private static void closeAll(List<PaymentGateway> gateways, Optional<OkHttpClient> ownedClient) {
    for (int i = gateways.size() - 1; i >= 0; i--) {
      PaymentGateway gateway = gateways.get(i);
      try {
        gateway.close();
      } catch (RuntimeException e) {
        log.warn("Payment gateway '{}' failed to close", gateway.id(), e);
      }
    }
    ownedClient.ifPresent(ProviderHttp::release);
  }

  @Override
  public String toString() {
    return "PaymentGateways" + byId.keySet();
  }

  /** Builder of {@link PaymentGateways}; not thread-safe. */
  public static final class Builder {
    private final Map<String, PaymentGateway> explicit = new LinkedHashMap<>();
    private @Nullable Function<String, GatewaySettings> settings;
    private @Nullable ClassLoader classLoader;
    private @Nullable GatewayResources resources;
    private boolean strict = true;

    private Builder() {}

    /** Adds a gateway explicitly; it wins over a discovered one with the same id. */
    public Builder add(PaymentGateway gateway) {
      Objects.requireNonNull(gateway, "gateway");
      if (explicit.putIfAbsent(gateway.id(), gateway) != null) {
        throw new IllegalArgumentException(
            "a gateway with id '" + gateway.id() + "' was already added");
      }
      return this;
    }

    /**
     * Discovers plugins with {@link ServiceLoader} and creates each from the settings this function
     * gives for its id.
     */
    public Builder discover(Function<String, GatewaySettings> settingsForGateway) {
      this.settings = Objects.requireNonNull(settingsForGateway, "settingsForGateway");
      return this;
    }

    /** The class loader to discover plugins with (default: the thread's context class loader). */
    public Builder classLoader(ClassLoader classLoader) {
      this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
      return this;
    }

    /**
     * The resources every discovered gateway shares (default: one {@link
     * ProviderHttp#defaultClient()} and the system clock, built by {@link #build()} when a provider
     * is created, and released by {@link PaymentGateways#close()}). Resources given here stay the
     * caller's: close their client after the gateways.
     */
    public Builder resources(GatewayResources resources) {
      this.resources = Objects.requireNonNull(resources, "resources");
      return this;
    }

    /**
     * Whether a partly configured or broken plugin fails {@link #build()} (default {@code true}).
     */
    public Builder strict(boolean strict) {
      this.strict = strict;
      return this;
    }

    /**
     * Builds the set, loading and creating discovered gateways.
     *
     * @throws GatewayConfigurationException in strict mode, for the first plugin that could not be
     *     used (the gateways already created are closed first)
     */
    public PaymentGateways build() {
      Map<String, PaymentGateway> byId = new LinkedHashMap<>(explicit);
      List<Problem> problems = new ArrayList<>();
      List<PaymentGateway> created = new ArrayList<>();
      GatewayResources shared = resources;
      Optional<OkHttpClient> owned = Optional.empty();
      if (settings != null) {
        ClassLoader loader =
            classLoader != null ? classLoader : Thread.currentThread().getContextClassLoader();
        for (PaymentGatewayProvider provider : load(loader, problems)) {
          String id = provider.id();
          if (byId.containsKey(id)) {
            log.warn(
                "Payment gateway '{}' from {} ignored: a gateway with that id is already present",
                id,
                provider.getClass().getName());
            continue;
          }
          GatewaySettings s = settings.apply(id);
          if (s == null || s.isEmpty()) {
            log.info("Payment gateway plugin '{}' found but not configured; skipped", id);
            continue;
          }
          if (!s.flag("enabled", true)) {
            log.info("Payment gateway '{}' disabled by its 'enabled' setting", id);
            continue;
          }
          if (shared == null) {
            OkHttpClient client = ProviderHttp.defaultClient();
            owned = Optional.of(client);
            shared = GatewayResources.builder().httpClient(client).build();
          }
          try {
            PaymentGateway gateway = provider.create(s, shared);
            byId.put(id, gateway);
            created.add(gateway);
            log.info("Payment gateway '{}' enabled ({})", id, provider.getClass().getName());
          } catch (GatewayConfigurationException e) {
            problems.add(new Problem(id, String.valueOf(e.getMessage())));
            log.error("Payment gateway '{}' not created: {}", id, e.getMessage());
          } catch (RuntimeException e) {
            problems.add(new Problem(id, e.getClass().getSimpleName() + ": " + e.getMessage()));
            log.error("Payment gateway '{}' failed to start", id, e);
          }
        }
      }
      if (strict && !problems.isEmpty()) {
        closeAll(created, owned);
        Problem first = problems.get(0);
        throw new GatewayConfigurationException(
            first.gatewayId(),
            problems.stream().map(p -> p.gatewayId() + ": " + p.message()).toList());
      }
      return new PaymentGateways(byId, problems, created, owned);
    }

    private static List<PaymentGatewayProvider> load(ClassLoader loader, List<Problem> problems) {
      List<PaymentGatewayProvider> found = new ArrayList<>();
      Iterator<PaymentGatewayProvider> it =
          ServiceLoader.load(PaymentGatewayProvider.class, loader).iterator();
      // bounded: a provider that keeps failing must not spin forever
      for (int attempts = 0; attempts < 10_000; attempts++) {
        try {
          if (!it.hasNext()) {
            break;
          }
          found.add(it.next());
        } catch (ServiceConfigurationError e) {
          problems.add(new Problem("(plugin that failed to load)", String.valueOf(e.getMessage())));
          log.error("A payment gateway plugin failed to load and is skipped: {}", e.getMessage());
        }
      }
      return found;
    }
  }
}
