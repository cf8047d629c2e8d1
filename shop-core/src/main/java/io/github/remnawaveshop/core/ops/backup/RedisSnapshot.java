package io.github.remnawaveshop.core.ops.backup;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RestoreArgs;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Dumps keys under prefixes with their remaining TTLs (SCAN + DUMP/PTTL) and restores them with
 * RESTORE, pipelined (one round trip per SCAN page or RESTORE batch, not per key). Record format:
 * {@code int keyLength, key, long pttl (-1 = no expiry), int dumpLength, dump}; the stream ends
 * with a key length of -1.
 */
final class RedisSnapshot {
  private RedisSnapshot() {}

  /** RESTOREs sent before waiting for their replies. */
  static final int RESTORE_BATCH = 1000;

  /**
   * Writes every key under the prefixes. The DUMP and PTTL of one SCAN page are pipelined (sent
   * together, then awaited): one round trip per key made 10,000 keys take ~15 s on a loaded
   * machine.
   */
  static long dump(
      StatefulRedisConnection<byte[], byte[]> conn, List<String> prefixes, DataOutputStream out)
      throws IOException {
    RedisCommands<byte[], byte[]> redis = conn.sync();
    RedisAsyncCommands<byte[], byte[]> async = conn.async();
    long count = 0;
    for (String prefix : prefixes) {
      ScanArgs args = ScanArgs.Builder.matches(escapeGlob(prefix) + "*").limit(1000);
      ScanCursor cursor = ScanCursor.INITIAL;
      do {
        KeyScanCursor<byte[]> page = redis.scan(cursor, args);
        List<byte[]> keys = page.getKeys();
        List<RedisFuture<byte[]>> dumps = new ArrayList<>(keys.size());
        List<RedisFuture<Long>> ttls = new ArrayList<>(keys.size());
        for (byte[] key : keys) {
          dumps.add(async.dump(key));
          ttls.add(async.pttl(key));
        }
        await(conn, dumps);
        await(conn, ttls);
        for (int i = 0; i < keys.size(); i++) {
          byte[] key = keys.get(i);
          byte[] dump = dumps.get(i).toCompletableFuture().getNow(null);
          long pttl = ttls.get(i).toCompletableFuture().getNow(-2L);
          if (dump == null || pttl == -2) {
            continue; // expired between SCAN and DUMP/PTTL
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

  /**
   * A restore that stopped part-way: the keys of the batches before the failing one were all
   * restored (the first {@code restoredBefore} records of the stream), and of the failing batch
   * those listed.
   */
  static final class RestoreFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final long restoredBefore;
    final transient List<byte[]> restoredInBatch;
    final transient List<byte[]> unanswered;

    RestoreFailure(
        String message,
        @Nullable Throwable cause,
        long restoredBefore,
        List<byte[]> restoredInBatch,
        List<byte[]> unanswered) {
      super(message, cause);
      this.restoredBefore = restoredBefore;
      this.restoredInBatch = restoredInBatch;
      this.unanswered = unanswered;
    }

    long restored() {
      return restoredBefore + restoredInBatch.size();
    }
  }

  /**
   * RESTOREs every record, {@link #RESTORE_BATCH} at a time pipelined; returns the number of keys.
   * Stops at the first batch with a failed or unanswered RESTORE and throws a {@link
   * RestoreFailure} saying which keys it wrote, for {@link #remove} to delete.
   */
  static long restore(StatefulRedisConnection<byte[], byte[]> conn, DataInputStream in) {
    RedisAsyncCommands<byte[], byte[]> async = conn.async();
    List<byte[]> keys = new ArrayList<>(RESTORE_BATCH);
    List<RedisFuture<String>> pending = new ArrayList<>(RESTORE_BATCH);
    long done = 0;
    try {
      while (true) {
        int keyLength;
        try {
          keyLength = in.readInt();
        } catch (EOFException e) {
          throw new BackupException("Redis entry is truncated (no end marker)");
        }
        if (keyLength < 0) {
          settle(conn, keys, pending, done);
          return done + keys.size();
        }
        byte[] key = in.readNBytes(keyLength);
        long pttl = in.readLong();
        byte[] dump = in.readNBytes(in.readInt());
        keys.add(key);
        pending.add(async.restore(key, dump, RestoreArgs.Builder.ttl(pttl < 0 ? 0 : pttl)));
        if (pending.size() == RESTORE_BATCH) {
          settle(conn, keys, pending, done);
          done += keys.size();
          keys.clear();
          pending.clear();
        }
      }
    } catch (IOException | BackupException e) {
      settle(conn, keys, pending, done); // a failed RESTORE in the batch is the better explanation
      throw new RestoreFailure(
          "reading the Redis entry failed: " + e.getMessage(),
          e,
          done + keys.size(),
          List.of(),
          List.of());
    }
  }

  /**
   * Waits for one batch's replies (within the connection's timeout); throws when any failed or is
   * missing.
   */
  private static void settle(
      StatefulRedisConnection<byte[], byte[]> conn,
      List<byte[]> keys,
      List<RedisFuture<String>> pending,
      long before) {
    long end = System.nanoTime() + conn.getTimeout().toNanos();
    List<byte[]> ok = new ArrayList<>();
    List<byte[]> unanswered = new ArrayList<>();
    Throwable first = null;
    byte @Nullable [] firstKey = null;
    for (int i = 0; i < pending.size(); i++) {
      try {
        pending.get(i).get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
        ok.add(keys.get(i));
      } catch (ExecutionException e) {
        if (first == null) {
          first = e.getCause() == null ? e : e.getCause();
          firstKey = keys.get(i);
        }
      } catch (TimeoutException e) {
        unanswered.add(keys.get(i));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        unanswered.add(keys.get(i));
      }
    }
    if (first != null) {
      throw new RestoreFailure(
          "RESTORE of "
              + (firstKey == null ? "?" : text(firstKey))
              + " failed: "
              + first.getMessage(),
          first,
          before,
          ok,
          unanswered);
    }
    if (!unanswered.isEmpty()) {
      throw new RestoreFailure(
          "Redis did not answer "
              + unanswered.size()
              + " pipelined RESTOREs within "
              + conn.getTimeout(),
          null,
          before,
          ok,
          unanswered);
    }
  }

  /** Keys a failed restore wrote and could not delete again. */
  record Removal(long removed, List<String> left) {}

  /**
   * Deletes the keys a failed restore wrote: the first {@code restoredBefore} records of the
   * stream, then those of the failing batch (and those left unanswered, which a RESTORE without
   * REPLACE could only have created, as the keyspace was checked empty).
   */
  static Removal remove(
      StatefulRedisConnection<byte[], byte[]> conn, DataInputStream in, RestoreFailure failure) {
    List<byte[]> toDelete = new ArrayList<>();
    List<String> left = new ArrayList<>();
    long removed = 0;
    try {
      for (long i = 0; i < failure.restoredBefore; i++) {
        byte[] key = in.readNBytes(in.readInt());
        in.readLong();
        in.skipNBytes(in.readInt());
        toDelete.add(key);
        if (toDelete.size() == RESTORE_BATCH) {
          removed += delete(conn, toDelete, left);
          toDelete.clear();
        }
      }
    } catch (IOException e) {
      left.add(
          "("
              + (failure.restoredBefore - removed - toDelete.size())
              + " key(s) not identified: "
              + e.getMessage()
              + ")");
    }
    toDelete.addAll(failure.restoredInBatch);
    toDelete.addAll(failure.unanswered);
    removed += delete(conn, toDelete, left);
    return new Removal(removed, left);
  }

  private static long delete(
      StatefulRedisConnection<byte[], byte[]> conn, List<byte[]> keys, List<String> left) {
    RedisAsyncCommands<byte[], byte[]> async = conn.async();
    List<RedisFuture<Long>> dels = new ArrayList<>(keys.size());
    for (byte[] key : keys) {
      dels.add(async.del(key));
    }
    long end = System.nanoTime() + conn.getTimeout().toNanos();
    long removed = 0;
    for (int i = 0; i < dels.size(); i++) {
      try {
        removed += dels.get(i).get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (ExecutionException | TimeoutException e) {
        left.add(text(keys.get(i)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        left.add(text(keys.get(i)));
      }
    }
    return removed;
  }

  /**
   * Waits for the replies (each within the connection's command timeout); rethrows the first
   * failure.
   */
  private static void await(
      StatefulRedisConnection<byte[], byte[]> conn, List<? extends RedisFuture<?>> futures) {
    if (futures.isEmpty()) {
      return;
    }
    Duration timeout = conn.getTimeout();
    if (!LettuceFutures.awaitAll(timeout, futures.toArray(new RedisFuture<?>[0]))) {
      throw new BackupException(
          "Redis did not answer " + futures.size() + " pipelined commands within " + timeout);
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
