package io.github.remnawaveshop.core.payment;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A secret setting (API key, webhook secret, password). Its {@link #toString()} never shows the
 * value, so a secret cannot leak through logging or exception messages by accident. Immutable and
 * thread-safe.
 */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /** Wraps a secret value, which must not be blank. */
  public static Secret of(String value) {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("a secret must not be blank");
    }
    return new Secret(value);
  }

  /** The secret itself; call only where it is put on the wire or into a MAC. */
  public String reveal() {
    return value;
  }

  /** The secret's UTF-8 bytes, e.g. as an HMAC key. */
  public byte[] bytes() {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret s && java.security.MessageDigest.isEqual(s.bytes(), bytes());
  }

  @Override
  public int hashCode() {
    return 0; // deliberately uninformative
  }

  @Override
  public String toString() {
    return "Secret[***]";
  }
}
