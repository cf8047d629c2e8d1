package io.github.remnawaveshop.testkit.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A message the bot sent, as it stands now: edits are applied in place ({@code edited} true) and a
 * deleted message stays in the transcript with {@code deleted} true.
 *
 * @param messageId the {@code message_id} (increasing per chat)
 * @param chatId the chat
 * @param kind {@code text}, {@code photo}, {@code document} or {@code invoice}
 * @param text the text, or the caption of a photo/document ({@code ""} when none)
 * @param parseMode the {@code parse_mode} the text was sent with
 * @param keyboard the inline keyboard, row by row (empty when none)
 * @param photo the photo, for a photo message
 * @param document the document, for a document message
 * @param invoice the invoice, for an invoice message
 * @param edited whether it was edited since it was sent
 * @param deleted whether the bot deleted it
 * @param params the parameters of the call that produced the current state (send or last edit)
 * @param date when it was sent
 */
public record SentMessage(
    long messageId,
    long chatId,
    String kind,
    String text,
    Optional<String> parseMode,
    List<List<Button>> keyboard,
    Optional<SentFile> photo,
    Optional<SentFile> document,
    Optional<SimulatedInvoice> invoice,
    boolean edited,
    boolean deleted,
    JsonNode params,
    Instant date) {
  /** Checks the components and makes the keyboard unmodifiable. */
  public SentMessage {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(parseMode, "parseMode");
    keyboard = keyboard.stream().map(List::copyOf).toList();
    Objects.requireNonNull(photo, "photo");
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(invoice, "invoice");
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(date, "date");
  }

  /**
   * The text as the user sees it: the markup of {@link #parseMode} resolved (tags and escapes gone,
   * entities decoded), as Telegram returns it in {@code text}/{@code caption}.
   */
  public String plainText() {
    return FormattedText.parse(text, parseMode.orElse(null)).plain();
  }

  /** Whether the inline keyboard has a button with exactly this text. */
  public boolean hasButton(String text) {
    return button(text).isPresent();
  }

  /** The first button with exactly this text. */
  public Optional<Button> button(String text) {
    return keyboard.stream().flatMap(List::stream).filter(b -> b.text().equals(text)).findFirst();
  }

  /** The texts of all buttons, row by row, left to right. */
  public List<String> buttonTexts() {
    return keyboard.stream().flatMap(List::stream).map(Button::text).toList();
  }

  /** Whether the message has an inline keyboard. */
  public boolean hasKeyboard() {
    return !keyboard.isEmpty();
  }

  /** A one-line summary for transcripts. */
  String summary() {
    StringBuilder s = new StringBuilder("#").append(messageId).append(' ').append(kind);
    if (edited) {
      s.append(" (edited)");
    }
    if (deleted) {
      s.append(" (deleted)");
    }
    s.append(": ").append(text.replace("\n", "\\n"));
    if (!keyboard.isEmpty()) {
      s.append(" ").append(buttonTexts());
    }
    invoice.ifPresent(
        i -> s.append(" invoice ").append(i.totalAmount()).append(' ').append(i.currency()));
    return s.toString();
  }
}
