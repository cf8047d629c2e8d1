package io.github.remnawaveshop.core.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The compare-and-set that writes a loaded value to Redis. A load first reads the entry and the
 * region's clear marker (one {@code MGET}); the fill writes only if both are still what that read
 * saw, so a {@code put}, an {@code invalidate} (which leaves a tombstone) or an {@code
 * invalidateAll} (which replaces the marker) that came during the load wins over the older loaded
 * value.
 */
final class FillScript {
  /**
   * KEYS: entry, region clear marker. ARGV: entry seen ('' = none), marker seen ('' = none), json,
   * ttl ms.
   */
  static final String SOURCE =
      "if (redis.call('GET', KEYS[1]) or '') ~= ARGV[1] or (redis.call('GET', KEYS[2]) or '') ~= ARGV[2] then\n"
          + "  return 0\n"
          + "end\n"
          + "redis.call('SET', KEYS[1], ARGV[3], 'PX', ARGV[4])\n"
          + "return 1";

  static final String SHA = sha1(SOURCE);

  private FillScript() {}

  private static String sha1(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder(40);
      for (byte b : digest) {
        hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every Java platform", e);
    }
  }
}
