package io.github.remnawaveshop.core.store;

import java.util.Objects;
import java.util.Optional;

/**
 * Which page of a keyset-paginated list to read: the first one, or the one after an opaque cursor
 * returned by a previous {@link Page#nextCursor()}. Keyset pagination reads each page through an
 * index, so page 1,000 costs what page 1 does, and rows inserted meanwhile never shift a page.
 * Cursors are short ASCII strings (they fit Telegram's 64-byte callback data) and belong to the
 * list that produced them.
 *
 * @param size rows per page, 1 to {@value #MAX_SIZE}
 * @param after the cursor of the previous page, empty for the first page
 */
public record PageRequest(int size, Optional<String> after) {
  /** The largest page the store reads at once. */
  public static final int MAX_SIZE = 1000;

  /** Validates the size. */
  public PageRequest {
    Objects.requireNonNull(after, "after");
    if (size < 1 || size > MAX_SIZE) {
      throw new IllegalArgumentException(
          "size must be between 1 and " + MAX_SIZE + " but was " + size);
    }
  }

  /**
   * The first page.
   *
   * @param size rows per page
   * @return the request
   */
  public static PageRequest first(int size) {
    return new PageRequest(size, Optional.empty());
  }

  /**
   * The page after the given cursor.
   *
   * @param cursor a {@link Page#nextCursor()} of the same list
   * @param size rows per page
   * @return the request
   */
  public static PageRequest after(String cursor, int size) {
    return new PageRequest(size, Optional.of(Objects.requireNonNull(cursor, "cursor")));
  }
}
