package io.github.remnawaveshop.telegram.api.types;

import java.util.Optional;

/**
 * One incoming update. At most one of the optional parts is present; {@link #kind()} says which,
 * and {@link UpdateKind#UNKNOWN} covers the kinds this version does not model.
 *
 * @param updateId the update's id, increasing
 * @param message a new message
 * @param editedMessage an edited message
 * @param channelPost a channel post
 * @param callbackQuery a button press
 * @param preCheckoutQuery a pre-checkout query
 * @param myChatMember the bot's membership changed
 * @param chatMember a member's status changed
 */
public record Update(
    long updateId,
    Optional<Message> message,
    Optional<Message> editedMessage,
    Optional<Message> channelPost,
    Optional<CallbackQuery> callbackQuery,
    Optional<PreCheckoutQuery> preCheckoutQuery,
    Optional<ChatMemberUpdated> myChatMember,
    Optional<ChatMemberUpdated> chatMember) {

  /** Normalises absent parts. */
  public Update {
    message = Types.opt(message);
    editedMessage = Types.opt(editedMessage);
    channelPost = Types.opt(channelPost);
    callbackQuery = Types.opt(callbackQuery);
    preCheckoutQuery = Types.opt(preCheckoutQuery);
    myChatMember = Types.opt(myChatMember);
    chatMember = Types.opt(chatMember);
  }

  /** What this update carries. */
  public UpdateKind kind() {
    if (message.isPresent()) {
      return message.get().successfulPayment().isPresent()
          ? UpdateKind.SUCCESSFUL_PAYMENT
          : UpdateKind.MESSAGE;
    }
    if (callbackQuery.isPresent()) {
      return UpdateKind.CALLBACK_QUERY;
    }
    if (preCheckoutQuery.isPresent()) {
      return UpdateKind.PRE_CHECKOUT_QUERY;
    }
    if (editedMessage.isPresent()) {
      return UpdateKind.EDITED_MESSAGE;
    }
    if (channelPost.isPresent()) {
      return UpdateKind.CHANNEL_POST;
    }
    if (myChatMember.isPresent()) {
      return UpdateKind.MY_CHAT_MEMBER;
    }
    if (chatMember.isPresent()) {
      return UpdateKind.CHAT_MEMBER;
    }
    return UpdateKind.UNKNOWN;
  }

  /** The user the update comes from, when there is one. */
  public Optional<User> from() {
    return message
        .flatMap(Message::from)
        .or(() -> callbackQuery.map(CallbackQuery::from))
        .or(() -> preCheckoutQuery.map(PreCheckoutQuery::from))
        .or(() -> editedMessage.flatMap(Message::from))
        .or(() -> myChatMember.map(ChatMemberUpdated::from))
        .or(() -> chatMember.map(ChatMemberUpdated::from));
  }

  /**
   * The chat the update belongs to: the message's chat, the pressed message's chat, or the user's
   * private chat.
   */
  public Optional<Long> chatId() {
    return message
        .map(m -> m.chat().id())
        .or(() -> callbackQuery.flatMap(q -> q.message().map(m -> m.chat().id())))
        .or(() -> editedMessage.map(m -> m.chat().id()))
        .or(() -> channelPost.map(m -> m.chat().id()))
        .or(() -> myChatMember.map(m -> m.chat().id()))
        .or(() -> chatMember.map(m -> m.chat().id()))
        .or(() -> from().map(User::id));
  }
}
