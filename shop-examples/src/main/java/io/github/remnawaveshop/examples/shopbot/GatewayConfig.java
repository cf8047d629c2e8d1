package io.github.remnawaveshop.examples.shopbot;

import io.github.remnawaveshop.core.payment.GatewayConfigurationException;
import io.github.remnawaveshop.core.payment.GatewaySettings;
import io.github.remnawaveshop.core.payment.PaymentGatewayProvider;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Payment gateway settings from the configuration: for a plugin with id {@code stripe}, the
 * variables {@code STRIPE_<NAME>} (e.g. {@code STRIPE_SECRET_KEY} → setting {@code secret-key}),
 * also accepted as {@code SHOP_PAYMENTS_STRIPE_<NAME>} or the property {@code
 * shop.payments.stripe.<name>}. Plugins are the {@link PaymentGatewayProvider}s on the class path;
 * a plugin with none of its variables set is "not configured". Required settings are checked here
 * so that a half-configured gateway is reported as the one variable that is missing. Immutable.
 */
public final class GatewayConfig {
  private static final String STARS = "stars";
  private static final Pattern SETTING = Pattern.compile("setting '([a-z0-9-]+)'");

  private final Map<String, GatewaySettings> settings;

  private GatewayConfig(Map<String, GatewaySettings> settings) {
    this.settings = settings;
  }

  /** Reads the settings of every plugin found on the class path. */
  static GatewayConfig from(ConfigSource source) {
    Map<String, GatewaySettings> found = new LinkedHashMap<>();
    for (PaymentGatewayProvider provider : providers()) {
      String id = provider.id();
      GatewaySettings s = settingsFor(id, source);
      // Stars runs on the shop's own bot: STARS_ENABLED and STARS_CHECKOUT only, read by
      // PaymentsWiring
      if (!s.isEmpty() && !id.equals(STARS)) {
        List<String> missing = new ArrayList<>();
        for (String name : provider.requiredSettings()) {
          if (s.get(name).isEmpty()) {
            missing.add(variable(id, name));
          }
        }
        if (!missing.isEmpty() && s.flag("enabled", true)) {
          throw new ConfigException(
              missing.get(0),
              "missing; the "
                  + id
                  + " gateway is partly configured ("
                  + String.join(", ", s.names().stream().map(n -> variable(id, n)).toList())
                  + " set) and also needs "
                  + String.join(", ", missing));
        }
      }
      found.put(id, s);
    }
    GatewaySettings stars = settingsFor(STARS, source);
    stars
        .get("checkout")
        .filter(v -> !v.equalsIgnoreCase("link") && !v.equalsIgnoreCase("chat"))
        .ifPresent(
            v -> {
              throw new ConfigException("STARS_CHECKOUT", "must be link or chat; was '" + v + "'");
            });
    stars
        .get("enabled")
        .filter(v -> !v.matches("(?i)true|false|1|0|yes|no|on|off"))
        .ifPresent(
            v -> {
              throw new ConfigException("STARS_ENABLED", "must be true or false; was '" + v + "'");
            });
    found.put(STARS, stars);
    return new GatewayConfig(found);
  }

  private static List<PaymentGatewayProvider> providers() {
    List<PaymentGatewayProvider> list = new ArrayList<>();
    Iterator<PaymentGatewayProvider> it =
        ServiceLoader.load(PaymentGatewayProvider.class).iterator();
    while (true) {
      try {
        if (!it.hasNext()) {
          return list;
        }
        list.add(it.next());
      } catch (ServiceConfigurationError e) {
        // PaymentGateways reports broken plugins when it discovers them itself
      }
    }
  }

  /** The settings of one gateway (empty when none of its variables is set). */
  static GatewaySettings settingsFor(String gatewayId, ConfigSource source) {
    String id = gatewayId.toUpperCase(Locale.ROOT).replace('-', '_');
    String shortPrefix = id + "_";
    String longPrefix = "SHOP_PAYMENTS_" + shortPrefix;
    String propertyPrefix = "shop.payments." + gatewayId.toLowerCase(Locale.ROOT) + ".";
    Map<String, String> values = new TreeMap<>();
    source
        .all()
        .forEach(
            (name, value) -> {
              if (name.startsWith(propertyPrefix)) {
                values.put(name.substring(propertyPrefix.length()), value);
              }
            });
    source
        .all()
        .forEach(
            (name, value) -> {
              if (name.startsWith(longPrefix)) {
                values.put(name.substring(longPrefix.length()), value);
              }
            });
    source
        .all()
        .forEach(
            (name, value) -> {
              if (name.startsWith(shortPrefix) && !name.startsWith(longPrefix)) {
                values.put(name.substring(shortPrefix.length()), value);
              }
            });
    Map<String, String> normalized = new TreeMap<>();
    values.forEach((k, v) -> normalized.put(k.toLowerCase(Locale.ROOT).replace('_', '-'), v));
    return GatewaySettings.of(gatewayId, normalized);
  }

  /**
   * The variable that holds a gateway's setting: {@code stripe} + {@code secret-key} → {@code
   * STRIPE_SECRET_KEY}.
   */
  public static String variable(String gatewayId, String setting) {
    return (gatewayId + "_" + setting).toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
  }

  /** Settings by gateway id, for {@code PaymentGateways.builder().discover(...)}. */
  public GatewaySettings settings(String gatewayId) {
    GatewaySettings s = settings.get(gatewayId);
    return s != null ? s : GatewaySettings.of(gatewayId, Map.of());
  }

  /** Ids of the gateways with at least one setting (and not {@code _ENABLED=false}). */
  public List<String> configured() {
    return settings.entrySet().stream()
        .filter(e -> !e.getKey().equals(STARS))
        .filter(e -> !e.getValue().isEmpty() && e.getValue().flag("enabled", true))
        .map(Map.Entry::getKey)
        .toList();
  }

  /** A plugin's refusal of its settings, as the one line naming the variable at fault. */
  static ConfigException explain(GatewayConfigurationException e) {
    String first = e.problems().isEmpty() ? e.getMessage() : e.problems().get(0);
    Matcher m = SETTING.matcher(first);
    if (m.find()) {
      String variable = variable(e.gatewayId(), m.group(1));
      return new ConfigException(
          variable, first.startsWith("missing") ? "missing" : first.substring(m.end()).trim());
    }
    return new ConfigException(variable(e.gatewayId(), "*"), first);
  }

  @Override
  public String toString() {
    return "GatewayConfig" + configured();
  }
}
