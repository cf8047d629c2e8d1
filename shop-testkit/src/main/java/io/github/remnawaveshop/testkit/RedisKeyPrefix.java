package io.github.remnawaveshop.testkit;

import java.util.Objects;

/**
 * A Redis key prefix reserved for one test class, ending with {@code ':'}.
 *
 * @param value the prefix, e.g. {@code test:3f2a9c1e-77b0:}
 */
public record RedisKeyPrefix(String value) {
  /** Validates the prefix. */
  public RedisKeyPrefix {
    Objects.requireNonNull(value, "value");
  }

  @Override
  public String toString() {
    return value;
  }
}
