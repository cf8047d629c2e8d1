package io.github.remnawaveshop.core.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Opaque keyset cursors. An id cursor is {@code i<id>}; a time cursor is {@code t<epoch
 * micros>.<id>}. Both fit Telegram's 64-byte callback data.
 */
final class Cursors {
  private Cursors() {}

  /** The last seen id, or {@link Long#MAX_VALUE} for a newest-first list's first page. */
  static long idBefore(PageRequest request) {
    return request.after().map(Cursors::parseId).orElse(Long.MAX_VALUE);
  }

  static long parseId(String cursor) {
    if (cursor.length() > 1 && cursor.charAt(0) == 'i') {
      try {
        return Long.parseLong(cursor.substring(1));
      } catch (NumberFormatException e) {
        // fall through to the error below
      }
    }
    throw new IllegalArgumentException("cursor '" + cursor + "' was not produced by this list");
  }

  /** A (time, id) key; {@code null} for a first page. */
  record TimeKey(Instant at, long id) {}

  static Optional<TimeKey> timeKey(PageRequest request) {
    return request.after().map(Cursors::parseTime);
  }

  static TimeKey parseTime(String cursor) {
    int dot = cursor.indexOf('.');
    if (cursor.length() > 3 && cursor.charAt(0) == 't' && dot > 1) {
      try {
        long micros = Long.parseLong(cursor.substring(1, dot));
        long id = Long.parseLong(cursor.substring(dot + 1));
        return new TimeKey(Instant.EPOCH.plus(micros, java.time.temporal.ChronoUnit.MICROS), id);
      } catch (NumberFormatException | ArithmeticException | java.time.DateTimeException e) {
        // fall through to the error below
      }
    }
    throw new IllegalArgumentException("cursor '" + cursor + "' was not produced by this list");
  }

  static String timeCursor(Instant at, long id) {
    long micros = java.time.temporal.ChronoUnit.MICROS.between(Instant.EPOCH, at);
    return "t" + micros + "." + id;
  }

  /** Cuts a list fetched with {@code size + 1} rows into a page. */
  static <T> Page<T> pageById(List<T> rows, int size, ToLongFunction<T> id) {
    return page(rows, size, row -> "i" + id.applyAsLong(row));
  }

  static <T> Page<T> page(List<T> rows, int size, Function<T, String> cursorOf) {
    if (rows.size() <= size) {
      return new Page<>(rows, Optional.empty());
    }
    List<T> items = rows.subList(0, size);
    return new Page<>(items, Optional.of(cursorOf.apply(items.get(size - 1))));
  }
}
