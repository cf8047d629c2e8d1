package io.github.remnawaveshop.core.payment;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A provider's notification exactly as it arrived over HTTP: method, headers, raw query string and
 * raw body bytes. Gateways verify signatures over these raw bytes, never over re-serialized JSON.
 *
 * @param method HTTP method, upper case
 * @param headers header names (any case) to values
 * @param rawQuery the query string without {@code ?}, empty when none
 * @param body the raw body, empty when none
 */
public record Notification(
    String method, Map<String, List<String>> headers, String rawQuery, byte[] body) {

  /** Copies headers into a case-insensitive, unmodifiable map. */
  public Notification {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(rawQuery, "rawQuery");
    Objects.requireNonNull(body, "body");
    Map<String, List<String>> copy = new LinkedHashMap<>();
    headers.forEach(
        (k, v) ->
            copy.computeIfAbsent(k.toLowerCase(Locale.ROOT), x -> new ArrayList<>()).addAll(v));
    copy.replaceAll((k, v) -> List.copyOf(v));
    headers = Collections.unmodifiableMap(copy);
    body = body.clone();
  }

  /** A POST notification with a body and single-valued headers. */
  public static Notification post(Map<String, String> headers, byte[] body) {
    Map<String, List<String>> multi = new LinkedHashMap<>();
    headers.forEach((k, v) -> multi.put(k, List.of(v)));
    return new Notification("POST", multi, "", body);
  }

  /** The first value of a header, looked up without regard to case. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** The body decoded as UTF-8. */
  public String bodyAsString() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** A copy of the raw body. */
  @Override
  public byte[] body() {
    return body.clone();
  }

  /**
   * Form parameters from the query string and, for {@code application/x-www-form-urlencoded}
   * bodies, the body; body values win. Names keep their case.
   *
   * @throws IllegalArgumentException when the query or body is not valid URL encoding (e.g. {@code
   *     %zz}); gateways turn this into a {@code MALFORMED} {@link PaymentVerificationException}
   */
  public Map<String, String> formParameters() {
    Map<String, String> params = new LinkedHashMap<>();
    parseForm(rawQuery, params);
    boolean form =
        header("Content-Type")
            .map(t -> t.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded"))
            .orElse(false);
    if (form) {
      parseForm(bodyAsString(), params);
    }
    return Collections.unmodifiableMap(params);
  }

  private static void parseForm(String text, Map<String, String> into) {
    if (text.isEmpty()) {
      return;
    }
    for (String pair : text.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name =
          URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      into.put(name, value);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Notification n
        && method.equals(n.method)
        && headers.equals(n.headers)
        && rawQuery.equals(n.rawQuery)
        && java.util.Arrays.equals(body, n.body);
  }

  @Override
  public int hashCode() {
    return Objects.hash(method, headers, rawQuery, java.util.Arrays.hashCode(body));
  }

  /** Never prints headers or body: they may carry signatures and payment details. */
  @Override
  public String toString() {
    return "Notification[" + method + ", " + body.length + " bytes]";
  }
}
