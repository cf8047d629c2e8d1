package io.github.remnawaveshop.core.store;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a keyset-paginated list.
 *
 * @param items the rows of this page, in list order; unmodifiable
 * @param nextCursor present when more rows follow: pass it to {@link PageRequest#after}
 * @param <T> the row type
 */
public record Page<T>(List<T> items, Optional<String> nextCursor) {
  /** Copies the items into an unmodifiable list. */
  public Page {
    items = List.copyOf(items);
    Objects.requireNonNull(nextCursor, "nextCursor");
  }

  /** Whether a further page exists. */
  public boolean hasNext() {
    return nextCursor.isPresent();
  }
}
