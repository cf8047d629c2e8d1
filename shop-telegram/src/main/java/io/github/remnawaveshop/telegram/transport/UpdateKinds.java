package io.github.remnawaveshop.telegram.transport;

import java.util.List;

/** The {@code allowed_updates} a shop bot subscribes to. */
public final class UpdateKinds {
  private UpdateKinds() {}

  /** message, edited_message, callback_query, pre_checkout_query, my_chat_member. */
  public static final List<String> SHOP =
      List.of(
          "message", "edited_message", "callback_query", "pre_checkout_query", "my_chat_member");
}
