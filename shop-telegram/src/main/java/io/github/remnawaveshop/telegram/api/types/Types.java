package io.github.remnawaveshop.telegram.api.types;

import java.util.List;
import java.util.Optional;

/** Normalisation shared by the records' compact constructors. */
final class Types {
  private Types() {}

  static <T> Optional<T> opt(Optional<T> value) {
    return value == null ? Optional.empty() : value;
  }

  static void required(Object value, String field) {
    if (value == null) {
      throw new IllegalArgumentException(field + " is missing");
    }
  }

  static <T> List<T> list(List<T> value) {
    return value == null ? List.of() : List.copyOf(value);
  }
}
