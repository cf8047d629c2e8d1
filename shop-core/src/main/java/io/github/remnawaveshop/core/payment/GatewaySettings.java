package io.github.remnawaveshop.core.payment;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The settings of one gateway, with the per-gateway prefix already stripped. Names are lower-case
 * with dashes ({@code secret-key}); they come from
 *
 * <ul>
 *   <li>properties {@code shop.payments.<gateway>.<name>} ({@link #fromProperties}), or
 *   <li>environment variables {@code SHOP_PAYMENTS_<GATEWAY>_<NAME>} with dashes as underscores
 *       ({@link #fromEnvironment}), or
 *   <li>a plain map ({@link #of}).
 * </ul>
 *
 * Immutable; {@link #toString()} lists names only, never values.
 */
public final class GatewaySettings {
  private final String gatewayId;
  private final Map<String, String> values;

  private GatewaySettings(String gatewayId, Map<String, String> values) {
    this.gatewayId = Objects.requireNonNull(gatewayId, "gatewayId");
    TreeMap<String, String> copy = new TreeMap<>();
    values.forEach(
        (k, v) -> {
          if (v != null && !v.isBlank()) {
            copy.put(normalize(k), v.trim());
          }
        });
    this.values = java.util.Collections.unmodifiableMap(copy);
  }

  /** Settings from a map of names (without prefix) to values. */
  public static GatewaySettings of(String gatewayId, Map<String, String> values) {
    return new GatewaySettings(gatewayId, values);
  }

  /** Settings from properties named {@code shop.payments.<gatewayId>.<name>}. */
  public static GatewaySettings fromProperties(String gatewayId, Properties properties) {
    String prefix = "shop.payments." + gatewayId.toLowerCase(Locale.ROOT) + ".";
    Map<String, String> found = new TreeMap<>();
    for (String name : properties.stringPropertyNames()) {
      if (name.startsWith(prefix)) {
        found.put(name.substring(prefix.length()), properties.getProperty(name));
      }
    }
    return new GatewaySettings(gatewayId, found);
  }

  /** Settings from environment variables named {@code SHOP_PAYMENTS_<GATEWAYID>_<NAME>}. */
  public static GatewaySettings fromEnvironment(String gatewayId, Map<String, String> environment) {
    String prefix = "SHOP_PAYMENTS_" + gatewayId.toUpperCase(Locale.ROOT).replace('-', '_') + "_";
    Map<String, String> found = new TreeMap<>();
    environment.forEach(
        (name, value) -> {
          if (name.startsWith(prefix)) {
            found.put(name.substring(prefix.length()), value);
          }
        });
    return new GatewaySettings(gatewayId, found);
  }

  private static String normalize(String name) {
    return name.trim().toLowerCase(Locale.ROOT).replace('_', '-').replace('.', '-');
  }

  /** The gateway these settings belong to. */
  public String gatewayId() {
    return gatewayId;
  }

  /** Whether no setting at all is present (the gateway is simply not configured). */
  public boolean isEmpty() {
    return values.isEmpty();
  }

  /** Names of the settings present. */
  public Collection<String> names() {
    return values.keySet();
  }

  /** A setting's value, when present and not blank. */
  public Optional<String> get(String name) {
    return Optional.ofNullable(values.get(normalize(name)));
  }

  /** A setting that must be present. */
  public String require(String name) {
    return get(name).orElseThrow(() -> missing(List.of(name)));
  }

  /** A secret setting that must be present. */
  public Secret secret(String name) {
    return Secret.of(require(name));
  }

  /** An optional secret setting. */
  public Optional<Secret> optionalSecret(String name) {
    return get(name).map(Secret::of);
  }

  /** A boolean ({@code true/false/1/0/yes/no}), or the default when absent. */
  public boolean flag(String name, boolean defaultValue) {
    Optional<String> v = get(name);
    if (v.isEmpty()) {
      return defaultValue;
    }
    switch (v.get().toLowerCase(Locale.ROOT)) {
      case "true":
      case "1":
      case "yes":
      case "on":
        return true;
      case "false":
      case "0":
      case "no":
      case "off":
        return false;
      default:
        throw invalid(name, "must be true or false; was '" + v.get() + "'");
    }
  }

  /** A duration as ISO-8601 ({@code PT5M}) or whole seconds ({@code 300}), or the default. */
  public Duration duration(String name, Duration defaultValue) {
    Optional<String> v = get(name);
    if (v.isEmpty()) {
      return defaultValue;
    }
    try {
      return v.get().chars().allMatch(Character::isDigit)
          ? Duration.ofSeconds(Long.parseLong(v.get()))
          : Duration.parse(v.get());
    } catch (DateTimeParseException | NumberFormatException e) {
      throw invalid(name, "must be a duration like PT5M or seconds; was '" + v.get() + "'");
    }
  }

  /** An absolute URI, or the default. */
  public URI uri(String name, URI defaultValue) {
    Optional<String> v = get(name);
    if (v.isEmpty()) {
      return defaultValue;
    }
    try {
      URI uri = URI.create(v.get());
      if (!uri.isAbsolute()) {
        throw invalid(name, "must be an absolute URI; was '" + v.get() + "'");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw invalid(name, "must be a URI; was '" + v.get() + "'");
    }
  }

  /**
   * A list: items separated by commas and/or whitespace, trimmed, blanks and repeats dropped, in
   * order; or the default when absent.
   *
   * @return an unmodifiable list
   */
  public List<String> list(String name, List<String> defaultValue) {
    Optional<String> v = get(name);
    if (v.isEmpty()) {
      return List.copyOf(defaultValue);
    }
    java.util.LinkedHashSet<String> items = new java.util.LinkedHashSet<>();
    for (String item : v.get().split("[,\\s]+")) {
      if (!item.isBlank()) {
        items.add(item.trim());
      }
    }
    return List.copyOf(items);
  }

  /**
   * An absolute {@code http} or {@code https} URL with a host, or the default when absent.
   *
   * @throws GatewayConfigurationException {@code "setting '<name>' must be an http(s) URL; was
   *     '<value>'"}
   */
  public URI httpUrl(String name, URI defaultValue) {
    Optional<String> v = get(name);
    if (v.isEmpty()) {
      return defaultValue;
    }
    URI uri;
    try {
      uri = URI.create(v.get());
    } catch (IllegalArgumentException e) {
      throw invalid(name, "must be an http(s) URL; was '" + v.get() + "'");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw invalid(name, "must be an http(s) URL; was '" + v.get() + "'");
    }
    return uri;
  }

  /**
   * A collector for this gateway's problems, so that a provider reports every missing or bad
   * setting in one {@link GatewayConfigurationException} instead of the first one:
   *
   * <pre>{@code
   * GatewaySettings.Problems problems = settings.problems();
   * String login = problems.require("merchant-login").orElse(null);
   * problems.read("base-url", () -> b.payPage(settings.httpUrl("base-url", DEFAULT_PAY_PAGE)));
   * problems.throwIfAny();
   * }</pre>
   *
   * @return a new, empty collector; not thread-safe
   */
  public Problems problems() {
    return new Problems();
  }

  /**
   * Problems of one gateway's settings, collected to be reported at once; see {@link #problems()}.
   */
  public final class Problems {
    private final List<String> lines = new ArrayList<>();

    private Problems() {}

    /** The value of a required setting, or empty after recording it as missing. */
    public Optional<String> require(String name) {
      Optional<String> v = get(name);
      if (v.isEmpty()) {
        lines.addAll(missing(List.of(name)).problems());
      }
      return v;
    }

    /** The value of a required secret setting, or empty after recording it as missing. */
    public Optional<Secret> requireSecret(String name) {
      return require(name).map(Secret::of);
    }

    /**
     * Runs a reader of one setting; a {@link GatewayConfigurationException} it throws adds its
     * problems, an {@link IllegalArgumentException} adds {@code "setting '<name>': <message>"}.
     */
    public void read(String name, Runnable reader) {
      try {
        reader.run();
      } catch (GatewayConfigurationException e) {
        lines.addAll(e.problems());
      } catch (IllegalArgumentException e) {
        lines.add("setting '" + normalize(name) + "': " + e.getMessage());
      }
    }

    /**
     * Records a problem of one setting: {@code "setting '<name>' <problem>"}; never show a secret
     * value.
     */
    public void invalid(String name, String problem) {
      lines.addAll(GatewaySettings.this.invalid(name, problem).problems());
    }

    /** Whether nothing was recorded. */
    public boolean isEmpty() {
      return lines.isEmpty();
    }

    /** The problems recorded so far, in order. */
    public List<String> lines() {
      return List.copyOf(lines);
    }

    /**
     * Throws when anything was recorded.
     *
     * @throws GatewayConfigurationException listing every problem recorded
     */
    public void throwIfAny() {
      if (!lines.isEmpty()) {
        throw new GatewayConfigurationException(gatewayId, lines);
      }
    }
  }

  /**
   * Checks that every named setting is present.
   *
   * @throws GatewayConfigurationException naming all the missing ones at once
   */
  public void requireAll(Collection<String> names) {
    List<String> missing = new ArrayList<>();
    for (String n : names) {
      if (get(n).isEmpty()) {
        missing.add(n);
      }
    }
    if (!missing.isEmpty()) {
      throw missing(missing);
    }
  }

  private GatewayConfigurationException missing(List<String> names) {
    List<String> lines = new ArrayList<>();
    for (String n : names) {
      String key = normalize(n);
      lines.add(
          "missing setting '"
              + key
              + "' (property shop.payments."
              + gatewayId
              + "."
              + key
              + " or environment "
              + "SHOP_PAYMENTS_"
              + gatewayId.toUpperCase(Locale.ROOT).replace('-', '_')
              + "_"
              + key.toUpperCase(Locale.ROOT).replace('-', '_')
              + ")");
    }
    return new GatewayConfigurationException(gatewayId, lines);
  }

  /**
   * An exception for a setting that is present but wrong; the message must not show secret values.
   */
  public GatewayConfigurationException invalid(String name, String problem) {
    return new GatewayConfigurationException(
        gatewayId, List.of("setting '" + normalize(name) + "' " + problem));
  }

  @Override
  public String toString() {
    return "GatewaySettings[" + gatewayId + ", names=" + values.keySet() + "]";
  }
}
