package io.github.remnawaveshop.telegram.api.types;

import java.util.Optional;

/**
 * A message (only the fields a shop bot uses; Telegram sends many more, which are ignored).
 *
 * @param messageId the id inside the chat
 * @param from the sender (absent in channels)
 * @param chat the chat
 * @param date unix seconds
 * @param text the text of a text message
 * @param caption the caption of a media message
 * @param photo the sizes of a photo message, empty otherwise
 * @param document the file of a document message
 * @param invoice the invoice of an invoice message
 * @param replyMarkup the inline keyboard
 * @param successfulPayment a payment service message
 * @param refundedPayment a refund service message
 * @param migrateToChatId the new supergroup id of a migrated group
 * @param messageThreadId the forum topic
 */
public record Message(
    long messageId,
    Optional<User> from,
    Chat chat,
    long date,
    Optional<String> text,
    Optional<String> caption,
    java.util.List<PhotoSize> photo,
    Optional<Document> document,
    Optional<Invoice> invoice,
    Optional<InlineKeyboardMarkup> replyMarkup,
    Optional<SuccessfulPayment> successfulPayment,
    Optional<RefundedPayment> refundedPayment,
    Optional<Long> migrateToChatId,
    Optional<Integer> messageThreadId) {

  /** Normalises absent parts. */
  public Message {
    Types.required(chat, "message.chat");
    from = Types.opt(from);
    text = Types.opt(text);
    caption = Types.opt(caption);
    photo = Types.list(photo);
    document = Types.opt(document);
    invoice = Types.opt(invoice);
    replyMarkup = Types.opt(replyMarkup);
    successfulPayment = Types.opt(successfulPayment);
    refundedPayment = Types.opt(refundedPayment);
    migrateToChatId = Types.opt(migrateToChatId);
    messageThreadId = Types.opt(messageThreadId);
  }

  /**
   * Whether this message carries media, so that its text is a caption: edit it with {@code
   * editMessageCaption}.
   */
  public boolean hasMedia() {
    return !photo.isEmpty() || document.isPresent() || invoice.isPresent();
  }

  /** The text, or the caption of a media message, or empty. */
  public String textOrCaption() {
    return text.or(() -> caption).orElse("");
  }
}
