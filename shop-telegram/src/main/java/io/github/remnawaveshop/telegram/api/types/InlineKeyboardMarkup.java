package io.github.remnawaveshop.telegram.api.types;

import java.util.ArrayList;
import java.util.List;

/**
 * An inline keyboard: rows of buttons under a message. Immutable; build one with {@link
 * #builder()}.
 *
 * @param inlineKeyboard the rows
 */
public record InlineKeyboardMarkup(List<List<InlineKeyboardButton>> inlineKeyboard) {
  /** Freezes the rows. */
  public InlineKeyboardMarkup {
    List<List<InlineKeyboardButton>> rows = new ArrayList<>();
    for (List<InlineKeyboardButton> row : Types.list(inlineKeyboard)) {
      rows.add(List.copyOf(row));
    }
    inlineKeyboard = List.copyOf(rows);
  }

  /** A keyboard with one button per row. */
  public static InlineKeyboardMarkup column(List<InlineKeyboardButton> buttons) {
    return new InlineKeyboardMarkup(buttons.stream().map(List::of).toList());
  }

  /** A builder of rows. */
  public static Builder builder() {
    return new Builder();
  }

  /** Every button, row by row. */
  public List<InlineKeyboardButton> buttons() {
    return inlineKeyboard.stream().flatMap(List::stream).toList();
  }

  /** A builder adding this keyboard's rows, for adding more. */
  public Builder toBuilder() {
    Builder b = new Builder();
    inlineKeyboard.forEach(b.rows::add);
    return b;
  }

  /** Collects rows; not thread-safe. */
  public static final class Builder {
    private final List<List<InlineKeyboardButton>> rows = new ArrayList<>();

    private Builder() {}

    /** Adds a row of buttons. */
    public Builder row(InlineKeyboardButton... buttons) {
      if (buttons.length > 0) {
        rows.add(List.of(buttons));
      }
      return this;
    }

    /** Adds a row of buttons. */
    public Builder row(List<InlineKeyboardButton> buttons) {
      if (!buttons.isEmpty()) {
        rows.add(List.copyOf(buttons));
      }
      return this;
    }

    /** Adds the buttons, {@code perRow} to a row. */
    public Builder grid(List<InlineKeyboardButton> buttons, int perRow) {
      if (perRow < 1) {
        throw new IllegalArgumentException("perRow must be at least 1; was " + perRow);
      }
      for (int i = 0; i < buttons.size(); i += perRow) {
        rows.add(List.copyOf(buttons.subList(i, Math.min(buttons.size(), i + perRow))));
      }
      return this;
    }

    /** The keyboard. */
    public InlineKeyboardMarkup build() {
      return new InlineKeyboardMarkup(rows);
    }
  }
}
