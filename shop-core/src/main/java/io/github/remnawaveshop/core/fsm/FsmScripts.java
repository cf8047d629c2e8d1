package io.github.remnawaveshop.core.fsm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The Lua scripts of the Redis backend. None parses JSON: data fields are opaque strings, merged
 * field by field with HSET/HDEL inside one script, which Redis runs atomically.
 */
final class FsmScripts {
  /** KEYS: state, data. Returns {state or nil, {field, json, ...}}. */
  static final FsmScripts READ =
      new FsmScripts("return {redis.call('GET', KEYS[1]), redis.call('HGETALL', KEYS[2])}");

  /** KEYS: data. ARGV: ttlMillis (0 = none), field, json, field, json... Replaces the hash. */
  static final FsmScripts SET_DATA =
      new FsmScripts(
          "redis.call('DEL', KEYS[1])\n"
              + "for i = 2, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end\n"
              + "local ttl = tonumber(ARGV[1])\n"
              + "if ttl > 0 and #ARGV > 1 then redis.call('PEXPIRE', KEYS[1], ttl) end\n"
              + "return 1");

  /**
   * KEYS: data. ARGV: ttlMillis (0 = none), n, then n field/json pairs to set, then fields to
   * delete. Returns the merged hash as {field, json, ...}.
   */
  static final FsmScripts UPDATE_DATA =
      new FsmScripts(
          "local n = tonumber(ARGV[2])\n"
              + "for i = 0, n - 1 do redis.call('HSET', KEYS[1], ARGV[3 + 2 * i], ARGV[4 + 2 * i]) end\n"
              + "for i = 3 + 2 * n, #ARGV do redis.call('HDEL', KEYS[1], ARGV[i]) end\n"
              + "local ttl = tonumber(ARGV[1])\n"
              + "if ttl > 0 then redis.call('PEXPIRE', KEYS[1], ttl) end\n"
              + "return redis.call('HGETALL', KEYS[1])");

  final String source;
  final String sha;

  private FsmScripts(String source) {
    this.source = source;
    this.sha = sha1(source);
  }

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
