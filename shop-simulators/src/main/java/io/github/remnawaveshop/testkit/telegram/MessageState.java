package io.github.remnawaveshop.testkit.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One message of a chat as the simulator holds it (from the bot or from a user), mutable under the
 * simulator's lock; {@link #snapshot} gives the public {@link SentMessage}.
 */
final class MessageState {
  final long messageId;
  final long chatId;
  final boolean fromBot;
  final long fromUserId;
  final Instant date;
  String kind = "text";

  /** Text or caption as sent, with its markup. */
  String text = "";

  String parseMode;
  FormattedText formatted = FormattedText.plain("");
  List<List<Button>> keyboard = List.of();
  JsonNode replyMarkup;
  SentFile photo;
  SentFile document;
  SimulatedInvoice invoice;

  /** Extra wire fields of a user message (successful_payment, refunded_payment). */
  ObjectNode extra;

  boolean edited;
  Instant editDate;
  boolean deleted;
  JsonNode params;

  /** Bumped on every change, for the sandbox's polling. */
  long version;

  MessageState(long messageId, long chatId, boolean fromBot, long fromUserId, Instant date) {
    this.messageId = messageId;
    this.chatId = chatId;
    this.fromBot = fromBot;
    this.fromUserId = fromUserId;
    this.date = date;
  }

  boolean hasMedia() {
    return photo != null || document != null;
  }

  SentMessage snapshot() {
    return new SentMessage(
        messageId,
        chatId,
        kind,
        text,
        Optional.ofNullable(parseMode),
        keyboard,
        Optional.ofNullable(photo),
        Optional.ofNullable(document),
        Optional.ofNullable(invoice),
        edited,
        deleted,
        params == null ? RequestParams.MAPPER.createObjectNode() : params.deepCopy(),
        date);
  }
}
