package io.github.remnawaveshop.testkit.telegram;

import java.util.Objects;
import java.util.Optional;

/**
 * One inline keyboard button of a message the bot sent: its text and either the {@code
 * callback_data} a press sends back or the {@code url} it opens (other button kinds have neither).
 *
 * @param text the button's label
 * @param callbackData the {@code callback_data}, if it is a callback button
 * @param url the {@code url}, if it is a link button
 */
public record Button(String text, Optional<String> callbackData, Optional<String> url) {
  /** Checks that no component is null. */
  public Button {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(callbackData, "callbackData");
    Objects.requireNonNull(url, "url");
  }

  /** A callback button. */
  public static Button callback(String text, String data) {
    return new Button(text, Optional.of(data), Optional.empty());
  }

  /** A link button. */
  public static Button link(String text, String url) {
    return new Button(text, Optional.empty(), Optional.of(url));
  }
}
