package io.github.remnawaveshop.telegram.api.types;

import java.util.Locale;

/** The kind of a chat; {@link #UNKNOWN} for a value this version does not know. */
public enum ChatType {
  /** A one-to-one chat with a user. */
  PRIVATE,
  /** A basic group. */
  GROUP,
  /** A supergroup. */
  SUPERGROUP,
  /** A channel. */
  CHANNEL,
  /** A kind Telegram added after this version. */
  UNKNOWN;

  /** Maps Telegram's wire value ({@code private}, {@code group}, …). */
  public static ChatType of(String wire) {
    if (wire == null) {
      return UNKNOWN;
    }
    try {
      return valueOf(wire.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return UNKNOWN;
    }
  }

  /** Whether messages to this chat count against the per-group limit. */
  public boolean isGroup() {
    return this == GROUP || this == SUPERGROUP;
  }
}
