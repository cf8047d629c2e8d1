package io.github.remnawaveshop.examples.shopbot;

import io.github.remnawaveshop.core.payment.Secret;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A PostgreSQL address from {@code DATABASE_URL}: a JDBC URL ({@code
 * jdbc:postgresql://host/db?user=..&password=..}) as it is, or the {@code
 * postgres://user:password@host:port/db} form hosting providers hand out, turned into a JDBC URL
 * plus credentials. {@link #toString()} never shows the password.
 *
 * @param jdbcUrl the JDBC URL (may carry credentials as parameters when given that way)
 * @param user the user, when given apart from the URL
 * @param password the password, when given apart from the URL
 */
public record DatabaseUrl(String jdbcUrl, Optional<String> user, Optional<Secret> password) {
  static final String VARIABLE = "DATABASE_URL";

  /**
   * Parses either form.
   *
   * @throws ConfigException naming {@code DATABASE_URL} (the value is not repeated: it holds a
   *     password)
   */
  public static DatabaseUrl parse(String value) {
    if (value.startsWith("jdbc:")) {
      if (!value.startsWith("jdbc:postgresql://")
          || value.length() <= "jdbc:postgresql://".length()) {
        throw new ConfigException(VARIABLE, "must be a jdbc:postgresql://host[:port]/database URL");
      }
      return new DatabaseUrl(value, Optional.empty(), Optional.empty());
    }
    URI uri;
    try {
      uri = URI.create(value);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          VARIABLE,
          "is not a URL; expected jdbc:postgresql://... or postgres://user:password@host/db");
    }
    if (!"postgres".equals(uri.getScheme()) && !"postgresql".equals(uri.getScheme())) {
      throw new ConfigException(
          VARIABLE, "must start with jdbc:postgresql://, postgres:// or postgresql://");
    }
    if (uri.getHost() == null) {
      throw new ConfigException(
          VARIABLE, "has no host; expected postgres://user:password@host[:port]/database");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    if (path.length() <= 1) {
      throw new ConfigException(
          VARIABLE, "names no database; expected postgres://user:password@host[:port]/database");
    }
    Optional<String> user = Optional.empty();
    Optional<Secret> password = Optional.empty();
    String info = uri.getRawUserInfo();
    if (info != null && !info.isEmpty()) {
      int colon = info.indexOf(':');
      user = Optional.of(decode(colon < 0 ? info : info.substring(0, colon)));
      if (colon >= 0 && colon < info.length() - 1) {
        password = Optional.of(Secret.of(decode(info.substring(colon + 1))));
      }
    }
    String jdbc =
        "jdbc:postgresql://"
            + uri.getHost()
            + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
            + path
            + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    return new DatabaseUrl(jdbc, user, password);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  /** The URL without credentials, for logs. */
  public String redacted() {
    int q = jdbcUrl.indexOf('?');
    return q < 0 ? jdbcUrl : jdbcUrl.substring(0, q);
  }

  @Override
  public String toString() {
    return "DatabaseUrl[" + redacted() + user.map(u -> ", user=" + u).orElse("") + "]";
  }
}
