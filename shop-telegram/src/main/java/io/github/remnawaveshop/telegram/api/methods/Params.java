package io.github.remnawaveshop.telegram.api.methods;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Builds a parameter map, leaving out absent values. */
final class Params {
  private final Map<String, Object> map = new LinkedHashMap<>();

  static Params of() {
    return new Params();
  }

  Params put(String name, Object value) {
    if (value instanceof Optional<?> o) {
      o.ifPresent(v -> map.put(name, unwrap(v)));
    } else if (value instanceof Collection<?> c) {
      if (!c.isEmpty()) {
        map.put(name, c);
      }
    } else if (value != null) {
      map.put(name, unwrap(value));
    }
    return this;
  }

  Params flag(String name, boolean value) {
    if (value) {
      map.put(name, true);
    }
    return this;
  }

  Map<String, Object> build() {
    return Collections.unmodifiableMap(map);
  }

  private static Object unwrap(Object v) {
    return v instanceof io.github.remnawaveshop.telegram.api.types.ParseMode p ? p.wire() : v;
  }

  static String checkText(String what, String text, int max) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
    if (text.length() > max) {
      throw new IllegalArgumentException(
          what + " must be at most " + max + " characters; was " + text.length());
    }
    return text;
  }

  private Params() {}
}
