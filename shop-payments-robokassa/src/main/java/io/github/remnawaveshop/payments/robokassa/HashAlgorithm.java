package io.github.remnawaveshop.payments.robokassa;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The hash Robokassa signs with, chosen per shop in Robokassa's technical settings; the gateway's
 * {@code hash-algorithm} setting must name the same one. MD5 is Robokassa's default. RIPEMD160 is
 * computed by this plugin itself (the JDK has no {@code MessageDigest} for it); the others come
 * from the JDK.
 */
public enum HashAlgorithm {
  /** MD5, Robokassa's default. */
  MD5("MD5", 16),
  /** RIPEMD-160, implemented in this plugin. */
  RIPEMD160(null, 20),
  /** SHA-1. */
  SHA1("SHA-1", 20),
  /** SHA-256. */
  SHA256("SHA-256", 32),
  /** SHA-384. */
  SHA384("SHA-384", 48),
  /** SHA-512. */
  SHA512("SHA-512", 64);

  private final String jdkName;
  private final int length;

  HashAlgorithm(String jdkName, int length) {
    this.jdkName = jdkName;
    this.length = length;
  }

  /** The digest of the input bytes. Thread-safe. */
  public byte[] digest(byte[] input) {
    if (jdkName == null) {
      return Ripemd160.digest(input);
    }
    try {
      return MessageDigest.getInstance(jdkName).digest(input);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(jdkName + " is not available in this JVM", e);
    }
  }

  /** The digest as lower-case hex. */
  public String hex(byte[] input) {
    return HexFormat.of().formatHex(digest(input));
  }

  /** The digest length in bytes. */
  public int length() {
    return length;
  }

  /**
   * Parses a setting value: the constant's name in any case, with or without a dash ({@code md5},
   * {@code SHA-256}, {@code ripemd-160}).
   */
  public static Optional<HashAlgorithm> parse(String text) {
    String normalized = text.trim().toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
    for (HashAlgorithm a : values()) {
      if (a.name().equals(normalized)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
