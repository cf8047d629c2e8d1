package io.github.remnawaveshop.core.panel;

import java.util.Locale;

/**
 * Reads the panel's enum values leniently: a value this SDK does not know maps to the enum's
 * fallback.
 */
final class WireEnums {
  private WireEnums() {}

  static <E extends Enum<E>> E parse(Class<E> type, String value, E unknown) {
    if (value == null || value.isBlank()) {
      return unknown;
    }
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return unknown;
    }
  }
}
