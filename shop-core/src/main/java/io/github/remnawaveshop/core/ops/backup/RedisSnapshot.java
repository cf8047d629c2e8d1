package io.github.remnawaveshop.core.ops.backup;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RestoreArgs;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Dumps keys under prefixes with their remaining TTLs (SCAN + DUMP/PTTL) and restores them with RESTORE.
 * Record format: {@code int keyLength, key, long pttl (-1 = no expiry), int dumpLength, dump}; the stream
 * ends with a key length of -1.
 */
final class RedisSnapshot {
  private RedisSnapshot() {}

  static long dump(RedisCommands<byte[], byte[]> redis, List<String> prefixes, DataOutputStream out) throws IOException {
    long count = 0;
    for (String prefix : prefixes) {
      ScanArgs args = ScanArgs.Builder.matches(escapeGlob(prefix) + "*").limit(1000);
      ScanCursor cursor = ScanCursor.INITIAL;
      do {
        KeyScanCursor<byte[]> page = redis.scan(cursor, args);
        for (byte[] key : page.getKeys()) {
          byte[] dump = redis.dump(key);
          if (dump == null) {
            continue; // expired between SCAN and DUMP
          }
          long pttl = redis.pttl(key);
          if (pttl == -2) {
            continue;
          }
          out.writeInt(key.length);
          out.write(key);
          out.writeLong(pttl < 0 ? -1 : pttl);
          out.writeInt(dump.length);
          out.write(dump);
          count++;
        }
        cursor = page;
      } while (!cursor.isFinished());
    }
    out.writeInt(-1);
    return count;
  }

  static long restore(RedisCommands<byte[], byte[]> redis, DataInputStream in) throws IOException {
    long count = 0;
    while (true) {
      int keyLength;
      try {
        keyLength = in.readInt();
      } catch (EOFException e) {
        throw new BackupException("Redis entry is truncated (no end marker)");
      }
      if (keyLength < 0) {
        return count;
      }
      byte[] key = in.readNBytes(keyLength);
      long pttl = in.readLong();
      byte[] dump = in.readNBytes(in.readInt());
      redis.restore(key, dump, RestoreArgs.Builder.ttl(pttl < 0 ? 0 : pttl));
      count++;
    }
  }

  static long countKeys(RedisCommands<byte[], byte[]> redis, List<String> prefixes) {
    long count = 0;
    for (String prefix : prefixes) {
      ScanArgs args = ScanArgs.Builder.matches(escapeGlob(prefix) + "*").limit(1000);
      ScanCursor cursor = ScanCursor.INITIAL;
      do {
        KeyScanCursor<byte[]> page = redis.scan(cursor, args);
        count += page.getKeys().size();
        cursor = page;
      } while (!cursor.isFinished());
    }
    return count;
  }

  static String escapeGlob(String prefix) {
    StringBuilder sb = new StringBuilder();
    for (char c : prefix.toCharArray()) {
      if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.toString();
  }

  static String text(byte[] key) {
    return new String(key, StandardCharsets.UTF_8);
  }
}
