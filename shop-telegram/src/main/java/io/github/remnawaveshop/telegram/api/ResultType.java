package io.github.remnawaveshop.telegram.api;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Objects;

/**
 * The Java type of a Bot API method's {@code result}, kept at run time so the client can read it: a
 * record class, a list of records, {@code Boolean}, {@code String}, or an {@link EditResult}.
 *
 * @param <R> the result type
 */
public final class ResultType<R> {
  private static final ResultType<EditResult> EDIT = new ResultType<>(EditResult.class);

  private final Type type;

  private ResultType(Type type) {
    this.type = type;
  }

  /**
   * A plain class: a record of {@code telegram.api.types}, {@code Boolean}, {@code String}, a
   * {@code Map}.
   */
  public static <R> ResultType<R> of(Class<R> type) {
    return new ResultType<>(Objects.requireNonNull(type, "type"));
  }

  /** A JSON array of {@code element}. */
  public static <E> ResultType<List<E>> listOf(Class<E> element) {
    Objects.requireNonNull(element, "element");
    return new ResultType<>(
        new ParameterizedType() {
          @Override
          public Type[] getActualTypeArguments() {
            return new Type[] {element};
          }

          @Override
          public Type getRawType() {
            return List.class;
          }

          @Override
          public Type getOwnerType() {
            return null;
          }
        });
  }

  /** An edit: the message, {@code true}, or "message is not modified". */
  public static ResultType<EditResult> edit() {
    return EDIT;
  }

  /** The reflective type. */
  public Type type() {
    return type;
  }

  /** Whether this is {@link #edit()}. */
  public boolean isEdit() {
    return this == EDIT;
  }

  @Override
  public String toString() {
    return "ResultType[" + type.getTypeName() + "]";
  }
}
