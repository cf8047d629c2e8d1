package io.github.remnawaveshop.telegram.dispatch;

import io.github.remnawaveshop.telegram.api.types.InlineKeyboardButton;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Typed callback data for one kind of button: a prefix and fields, written as {@code
 * prefix:field:field} (fields may not contain ':'; use ids, not free text). {@link #encode} refuses
 * data over 64 bytes at the time the keyboard is built, not when Telegram rejects the message.
 * Immutable.
 *
 * <pre>{@code
 * record Buy(String plan, int days) {}
 * static final CallbackCodec<Buy> BUY = CallbackCodec.of("buy",
 *     f -> new Buy(f.get(0), Integer.parseInt(f.get(1))), b -> List.of(b.plan(), Integer.toString(b.days())));
 * ...
 * InlineKeyboardButton button = BUY.button("Basic, 30 days", new Buy("basic", 30));
 * router.callback(BUY, (ctx, buy) -> ...);
 * }</pre>
 *
 * @param <T> the value a button carries
 */
public final class CallbackCodec<T> {
  private static final char SEP = ':';

  private final String prefix;
  private final Function<List<String>, T> decoder;
  private final Function<T, List<String>> encoder;

  private CallbackCodec(
      String prefix, Function<List<String>, T> decoder, Function<T, List<String>> encoder) {
    if (prefix == null || !prefix.matches("[A-Za-z0-9_.-]{1,16}")) {
      throw new IllegalArgumentException(
          "prefix must be 1-16 characters of A-Z a-z 0-9 _ . -; was '" + prefix + "'");
    }
    this.prefix = prefix;
    this.decoder = Objects.requireNonNull(decoder, "decoder");
    this.encoder = Objects.requireNonNull(encoder, "encoder");
  }

  /**
   * A codec from field lists. The decoder may throw on bad fields: the data then does not match.
   */
  public static <T> CallbackCodec<T> of(
      String prefix, Function<List<String>, T> decoder, Function<T, List<String>> encoder) {
    return new CallbackCodec<>(prefix, decoder, encoder);
  }

  /** A codec for one string field. */
  public static CallbackCodec<String> ofString(String prefix) {
    return new CallbackCodec<>(
        prefix,
        f -> {
          if (f.size() != 1) {
            throw new IllegalArgumentException("one field expected");
          }
          return f.get(0);
        },
        List::of);
  }

  /** A codec for the constants of an enum (by name). */
  public static <E extends Enum<E>> CallbackCodec<E> ofEnum(String prefix, Class<E> type) {
    Objects.requireNonNull(type, "type");
    return new CallbackCodec<>(prefix, f -> Enum.valueOf(type, f.get(0)), e -> List.of(e.name()));
  }

  /** A codec for a button without fields. */
  public static CallbackCodec<Boolean> ofMarker(String prefix) {
    return new CallbackCodec<>(prefix, f -> Boolean.TRUE, b -> List.of());
  }

  /** The prefix. */
  public String prefix() {
    return prefix;
  }

  /**
   * The callback data for a value.
   *
   * @throws IllegalArgumentException if a field contains ':' or the data exceeds 64 bytes
   */
  public String encode(T value) {
    StringBuilder sb = new StringBuilder(prefix);
    for (String field : encoder.apply(value)) {
      if (field.indexOf(SEP) >= 0) {
        throw new IllegalArgumentException(
            "callback field of '" + prefix + "' must not contain ':'; was '" + field + "'");
      }
      sb.append(SEP).append(field);
    }
    String data = sb.toString();
    int bytes = data.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > InlineKeyboardButton.MAX_CALLBACK_DATA_BYTES) {
      throw new IllegalArgumentException(
          "callback data '" + data + "' is " + bytes + " bytes; Telegram allows 64");
    }
    return data;
  }

  /** A button carrying a value. */
  public InlineKeyboardButton button(String text, T value) {
    return InlineKeyboardButton.callback(text, encode(value));
  }

  /**
   * The value in some callback data, or empty when the data is not this codec's or does not decode.
   */
  public Optional<T> decode(String data) {
    if (data == null || !(data.equals(prefix) || data.startsWith(prefix + SEP))) {
      return Optional.empty();
    }
    List<String> fields = new ArrayList<>();
    int at = prefix.length();
    while (at < data.length()) {
      int next = data.indexOf(SEP, at + 1);
      fields.add(data.substring(at + 1, next < 0 ? data.length() : next));
      at = next < 0 ? data.length() : next;
    }
    try {
      return Optional.ofNullable(decoder.apply(List.copyOf(fields)));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return "CallbackCodec[" + prefix + "]";
  }
}
