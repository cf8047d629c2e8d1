package io.github.remnawaveshop.payments.tck;

import io.github.remnawaveshop.core.payment.Notification;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Small helpers for building and tampering with {@link Notification}s in gateway tests. Stateless.
 */
public final class Notifications {
  private Notifications() {}

  /**
   * The same text with one character replaced by a different one of the same kind (hex digit stays
   * a hex digit, base64 stays base64), so the result still looks like a signature but no longer is
   * one. Normally the last character changes; for padded base64 ({@code …==}) the FIRST one does,
   * because the character before the padding partly encodes unused bits that decoders ignore
   * ({@code QQ==} and {@code QR==} decode to the same byte), so changing it may leave the signature
   * valid.
   */
  public static String flipLastChar(String signature) {
    if (signature.isEmpty()) {
      throw new IllegalArgumentException("nothing to flip in an empty signature");
    }
    if (signature.endsWith("=")) {
      return flip(signature.charAt(0)) + signature.substring(1);
    }
    return signature.substring(0, signature.length() - 1)
        + flip(signature.charAt(signature.length() - 1));
  }

  private static char flip(char c) {
    if (Character.isDigit(c)) {
      return c == '0' ? '1' : '0';
    } else if (Character.isUpperCase(c)) {
      return c == 'A' ? 'B' : 'A';
    } else if (Character.isLowerCase(c)) {
      return c == 'a' ? 'b' : 'a';
    }
    return c == '+' ? '/' : '+';
  }

  /** A copy with one header set (replacing any value it had). */
  public static Notification withHeader(Notification notification, String name, String value) {
    Map<String, List<String>> headers = copyHeaders(notification);
    headers.put(name.toLowerCase(Locale.ROOT), List.of(value));
    return new Notification(
        notification.method(), headers, notification.rawQuery(), notification.body());
  }

  /** A copy without one header. */
  public static Notification withoutHeader(Notification notification, String name) {
    Map<String, List<String>> headers = copyHeaders(notification);
    headers.remove(name.toLowerCase(Locale.ROOT));
    return new Notification(
        notification.method(), headers, notification.rawQuery(), notification.body());
  }

  /** A copy with another body (headers, query and method kept, signatures untouched). */
  public static Notification withBody(Notification notification, byte[] body) {
    return new Notification(
        notification.method(), copyHeaders(notification), notification.rawQuery(), body);
  }

  /** A copy with another body given as UTF-8 text. */
  public static Notification withBody(Notification notification, String body) {
    return withBody(notification, body.getBytes(StandardCharsets.UTF_8));
  }

  /** A POST of {@code application/x-www-form-urlencoded} parameters, in the given order. */
  public static Notification formPost(Map<String, String> parameters) {
    return Notification.post(
        Map.of("Content-Type", "application/x-www-form-urlencoded"),
        formEncode(parameters).getBytes(StandardCharsets.UTF_8));
  }

  /** A GET with the parameters in the query string, in the given order. */
  public static Notification formGet(Map<String, String> parameters) {
    return new Notification("GET", Map.of(), formEncode(parameters), new byte[0]);
  }

  /** Parameters encoded as {@code a=1&b=2}, UTF-8, in the map's order. */
  public static String formEncode(Map<String, String> parameters) {
    StringJoiner joined = new StringJoiner("&");
    parameters.forEach(
        (k, v) ->
            joined.add(
                URLEncoder.encode(k, StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return joined.toString();
  }

  private static Map<String, List<String>> copyHeaders(Notification notification) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    notification.headers().forEach((k, v) -> headers.put(k, new ArrayList<>(v)));
    return headers;
  }
}
