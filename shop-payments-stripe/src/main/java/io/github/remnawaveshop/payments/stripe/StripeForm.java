package io.github.remnawaveshop.payments.stripe;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An ordered list of form fields with Stripe's bracket keys ({@code line_items[0][quantity]}),
 * encoded as {@code application/x-www-form-urlencoded}. Brackets in keys stay literal, as Stripe's
 * own libraries send them; everything else is percent-encoded. Not thread-safe; build, encode,
 * discard.
 */
final class StripeForm {
  private final List<Map.Entry<String, String>> fields = new ArrayList<>();

  StripeForm add(String key, String value) {
    fields.add(Map.entry(key, value));
    return this;
  }

  StripeForm add(String key, long value) {
    return add(key, Long.toString(value));
  }

  List<Map.Entry<String, String>> fields() {
    return List.copyOf(fields);
  }

  String encode() {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, String> field : fields) {
      if (out.length() > 0) {
        out.append('&');
      }
      out.append(encodeKey(field.getKey()))
          .append('=')
          .append(URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8));
    }
    return out.toString();
  }

  private static String encodeKey(String key) {
    return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%5B", "[").replace("%5D", "]");
  }
}
