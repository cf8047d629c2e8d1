package io.github.remnawaveshop.telegram.dispatch;

import io.github.remnawaveshop.core.fsm.StorageKey;
import io.github.remnawaveshop.telegram.api.BotMethod;
import io.github.remnawaveshop.telegram.api.InputFile;
import io.github.remnawaveshop.telegram.api.Lane;
import io.github.remnawaveshop.telegram.api.TelegramBot;
import io.github.remnawaveshop.telegram.api.methods.AnswerCallbackQuery;
import io.github.remnawaveshop.telegram.api.methods.DeleteMessage;
import io.github.remnawaveshop.telegram.api.methods.EditMessageCaption;
import io.github.remnawaveshop.telegram.api.methods.EditMessageText;
import io.github.remnawaveshop.telegram.api.methods.SendMessage;
import io.github.remnawaveshop.telegram.api.methods.SendPhoto;
import io.github.remnawaveshop.telegram.api.types.CallbackQuery;
import io.github.remnawaveshop.telegram.api.types.ChatType;
import io.github.remnawaveshop.telegram.api.types.InlineKeyboardMarkup;
import io.github.remnawaveshop.telegram.api.types.Message;
import io.github.remnawaveshop.telegram.api.types.PreCheckoutQuery;
import io.github.remnawaveshop.telegram.api.types.Update;
import io.github.remnawaveshop.telegram.api.types.UpdateKind;
import io.github.remnawaveshop.telegram.api.types.User;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One update on its way through the dispatcher, with what a handler needs: the update's parts, the
 * user's FSM state ({@link #fsm()}), the user's language and texts ({@link #t}), and reply helpers
 * that pick the right Bot API method ({@link #edit} edits a caption when the message is a photo)
 * and send through the throttle without blocking. Belongs to one update; not thread-safe; do not
 * keep it after the handler returns.
 */
public final class Context {
  private final Update update;
  private final TelegramBot bot;
  private final DispatcherServices services;
  private final Map<String, Object> attributes = new HashMap<>();
  private final List<CompletableFuture<?>> sends = new ArrayList<>();
  private FsmContext fsm;
  private String language;
  private boolean answered;
  private Optional<Command> command;

  Context(Update update, TelegramBot bot, DispatcherServices services) {
    this.update = update;
    this.bot = bot;
    this.services = services;
  }

  /** The update. */
  public Update update() {
    return update;
  }

  /** What the update carries. */
  public UpdateKind kind() {
    return update.kind();
  }

  /** The client, for calls the helpers do not cover. */
  public TelegramBot bot() {
    return bot;
  }

  /** The user the update comes from. */
  public Optional<User> user() {
    return update.from();
  }

  /** The user's id, or 0 when the update has no user. */
  public long userId() {
    return user().map(User::id).orElse(0L);
  }

  /**
   * The chat to answer in (for a callback, the pressed message's chat; else the user's private
   * chat).
   */
  public long chatId() {
    return update.chatId().orElse(0L);
  }

  /** The kind of the chat, when the update names one. */
  public Optional<ChatType> chatType() {
    return update
        .message()
        .or(() -> update.callbackQuery().flatMap(CallbackQuery::message))
        .map(m -> m.chat().kind());
  }

  /** The message of a message update. */
  public Optional<Message> message() {
    return update.message();
  }

  /** The button press of a callback update. */
  public Optional<CallbackQuery> callbackQuery() {
    return update.callbackQuery();
  }

  /** The pre-checkout query of a payment. */
  public Optional<PreCheckoutQuery> preCheckoutQuery() {
    return update.preCheckoutQuery();
  }

  /** The message's text (or caption), or an empty string. */
  public String text() {
    return update.message().map(Message::textOrCaption).orElse("");
  }

  /** The callback data of a button press. */
  public Optional<String> callbackData() {
    return update.callbackQuery().flatMap(CallbackQuery::data);
  }

  /** The command of a {@code /command args} message, lower-cased, without the bot's name. */
  public Optional<String> command() {
    return parsedCommand().map(Command::name);
  }

  /** What follows the command ({@code /start ref_abc} → {@code ref_abc}), or an empty string. */
  public String commandArgs() {
    return parsedCommand().map(Command::args).orElse("");
  }

  /** Whether the dispatcher has an FSM storage. */
  public boolean hasFsm() {
    return services.fsm() != null && userId() != 0;
  }

  /**
   * The conversation's FSM state and data.
   *
   * @throws IllegalStateException when the dispatcher has no FSM storage or the update has no user
   */
  public FsmContext fsm() {
    if (fsm == null) {
      if (services.fsm() == null) {
        throw new IllegalStateException("no FSM storage: set Dispatcher.builder().fsm(storage)");
      }
      if (userId() == 0) {
        throw new IllegalStateException(
            "update " + update.updateId() + " has no user to keep state for");
      }
      fsm = new FsmContext(services.fsm(), StorageKey.of(bot.botId(), chatId(), userId()));
    }
    return fsm;
  }

  /**
   * The user's language: stored choice, then Telegram's {@code language_code}, then the default.
   */
  public String language() {
    if (language == null) {
      Texts texts = services.texts();
      if (texts == null) {
        language = user().flatMap(User::languageCode).orElse("en");
      } else {
        language =
            services
                .languages()
                .storedLanguage(this)
                .flatMap(texts::match)
                .or(() -> user().flatMap(User::languageCode).flatMap(texts::match))
                .orElse(texts.defaultLanguage());
      }
    }
    return language;
  }

  /** Sets the language for the rest of this update (after the user chose one). */
  public void language(String code) {
    this.language = code;
  }

  /** The texts of the dispatcher. */
  public Texts texts() {
    if (services.texts() == null) {
      throw new IllegalStateException("no texts: set Dispatcher.builder().texts(texts)");
    }
    return services.texts();
  }

  /** A text in the user's language. */
  public String t(String key, Object... args) {
    return texts().get(language(), key, args);
  }

  /** A value middlewares or handlers left for each other. */
  @SuppressWarnings("unchecked")
  public <T> Optional<T> attribute(String name) {
    return Optional.ofNullable((T) attributes.get(name));
  }

  /** Leaves a value for later links of the chain. */
  public void attribute(String name, Object value) {
    attributes.put(name, value);
  }

  /**
   * Sends a text message (in the dispatcher's parse mode, HTML by default) to the update's chat.
   */
  public CompletableFuture<Message> reply(String text) {
    return send(withMode(SendMessage.to(chatId(), text)));
  }

  /** Sends a text message with a keyboard. */
  public CompletableFuture<Message> reply(String text, InlineKeyboardMarkup keyboard) {
    return send(withMode(SendMessage.to(chatId(), text)).keyboard(keyboard));
  }

  /** Sends a photo (e.g. a QR code) with a caption and an optional keyboard. */
  public CompletableFuture<Message> replyPhoto(
      InputFile photo, String caption, Optional<InlineKeyboardMarkup> keyboard) {
    SendPhoto p =
        SendPhoto.upload(chatId(), photo).caption(caption).parseMode(services.parseMode());
    return send(keyboard.map(p::keyboard).orElse(p));
  }

  /**
   * Shows new text on the pressed message: {@code editMessageText} for a text message, {@code
   * editMessageCaption} for a photo or document (where a text edit fails), and a new message when
   * there is nothing to edit (a command) or the text does not fit a caption.
   */
  public CompletableFuture<?> edit(String text, InlineKeyboardMarkup keyboard) {
    Optional<Message> pressed =
        update.callbackQuery().flatMap(CallbackQuery::message).filter(m -> m.date() != 0);
    if (pressed.isEmpty()) {
      return reply(text, keyboard);
    }
    Message m = pressed.get();
    if (m.hasMedia()) {
      if (text.length() <= EditMessageCaption.MAX_CAPTION && m.invoice().isEmpty()) {
        return send(
            EditMessageCaption.of(m.chat().id(), m.messageId(), text)
                .parseMode(services.parseMode())
                .keyboard(keyboard));
      }
      return replace(text, keyboard);
    }
    return send(
        EditMessageText.of(m.chat().id(), m.messageId(), text)
            .parseMode(services.parseMode())
            .keyboard(keyboard)
            .noLinkPreview());
  }

  /** Deletes the pressed message and sends a new one: to leave a photo for a text screen. */
  public CompletableFuture<Message> replace(String text, InlineKeyboardMarkup keyboard) {
    update
        .callbackQuery()
        .flatMap(CallbackQuery::message)
        .ifPresent(m -> send(new DeleteMessage(m.chat().id(), m.messageId())));
    return reply(text, keyboard);
  }

  /** Answers the button press silently (the dispatcher does it anyway when a handler did not). */
  public CompletableFuture<Boolean> answer() {
    return answer(AnswerCallbackQuery::of);
  }

  /** Answers the button press with a toast. */
  public CompletableFuture<Boolean> answer(String toast) {
    return answer(id -> AnswerCallbackQuery.toast(id, toast));
  }

  /** Answers the button press with an alert the user must close. */
  public CompletableFuture<Boolean> alert(String text) {
    return answer(id -> new AnswerCallbackQuery(id, Optional.of(text), true));
  }

  private CompletableFuture<Boolean> answer(
      java.util.function.Function<String, AnswerCallbackQuery> make) {
    Optional<CallbackQuery> q = update.callbackQuery();
    if (q.isEmpty() || answered) {
      return CompletableFuture.completedFuture(false);
    }
    answered = true;
    return send(make.apply(q.get().id()));
  }

  /** Sends any call in the interactive lane; the dispatcher logs it if it fails. */
  public <R> CompletableFuture<R> send(BotMethod<R> method) {
    CompletableFuture<R> f = bot.executeAsync(method, Lane.INTERACTIVE);
    sends.add(f);
    return f;
  }

  DispatcherServices services() {
    return services;
  }

  boolean callbackAnswered() {
    return answered;
  }

  List<CompletableFuture<?>> sends() {
    return sends;
  }

  private SendMessage withMode(SendMessage m) {
    return m.parseMode(services.parseMode()).noLinkPreview();
  }

  private Optional<Command> parsedCommand() {
    if (command == null) {
      command =
          Command.parse(update.message().flatMap(Message::text).orElse(""), services.botUsername());
    }
    return command;
  }

  private record Command(String name, String args) {
    static Optional<Command> parse(String text, Optional<String> botUsername) {
      if (!text.startsWith("/") || text.length() < 2) {
        return Optional.empty();
      }
      int space = text.indexOf(' ');
      String head = space < 0 ? text.substring(1) : text.substring(1, space);
      String args = space < 0 ? "" : text.substring(space + 1).trim();
      int at = head.indexOf('@');
      if (at >= 0) {
        String target = head.substring(at + 1);
        if (botUsername.isPresent() && !botUsername.get().equalsIgnoreCase(target)) {
          return Optional.empty();
        }
        head = head.substring(0, at);
      }
      if (!head.matches("[A-Za-z0-9_]{1,32}")) {
        return Optional.empty();
      }
      return Optional.of(new Command(head.toLowerCase(java.util.Locale.ROOT), args));
    }
  }
}
