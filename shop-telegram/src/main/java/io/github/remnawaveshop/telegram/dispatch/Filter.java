package io.github.remnawaveshop.telegram.dispatch;

import java.util.Objects;

/**
 * Whether a route applies to an update; combine with {@link #and}, {@link #or}, {@link #negate}.
 * See {@link Filters}.
 */
@FunctionalInterface
public interface Filter {
  /** Whether the route applies. */
  boolean test(Context ctx);

  /** Both filters. */
  default Filter and(Filter other) {
    Objects.requireNonNull(other, "other");
    return ctx -> test(ctx) && other.test(ctx);
  }

  /** Either filter. */
  default Filter or(Filter other) {
    Objects.requireNonNull(other, "other");
    return ctx -> test(ctx) || other.test(ctx);
  }

  /** The opposite. */
  default Filter negate() {
    return ctx -> !test(ctx);
  }
}
