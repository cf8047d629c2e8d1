package io.github.remnawaveshop.testkit.telegram;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Telegram user talking to the bot in a private chat (chat id = user id): sends messages, presses
 * inline buttons, pays invoices, blocks the bot, joins channels. Each action becomes an update for
 * the bot (by getUpdates or the webhook). Thread-safe.
 */
public final class SimulatedUser {
  private final SimulatorCore core;
  private final PaymentMethods payments;
  private final long id;
  private volatile String firstName;
  private volatile String lastName;
  private volatile String username;
  private volatile String language = "en";

  SimulatedUser(SimulatorCore core, PaymentMethods payments, long id) {
    this.core = core;
    this.payments = payments;
    this.id = id;
    this.firstName = "User" + id;
  }

  /** The user id (and the id of the private chat). */
  public long id() {
    return id;
  }

  /** Sets the first name (default {@code User<id>}). */
  public SimulatedUser name(String firstName) {
    if (firstName == null || firstName.isBlank()) {
      throw new IllegalArgumentException("name must be non-blank but was '" + firstName + "'");
    }
    this.firstName = firstName;
    return this;
  }

  /** Sets the last name (default none). */
  public SimulatedUser lastName(String lastName) {
    this.lastName = lastName;
    return this;
  }

  /** Sets the username, without {@code @} (default none). */
  public SimulatedUser username(String username) {
    if (username != null && username.startsWith("@")) {
      throw new IllegalArgumentException(
          "username is given without '@' but was '" + username + "'");
    }
    this.username = username;
    return this;
  }

  /** Sets the {@code language_code} (default {@code en}; null for none). */
  public SimulatedUser language(String languageCode) {
    this.language = languageCode;
    return this;
  }

  /** The first name. */
  public String firstName() {
    return firstName;
  }

  Optional<String> lastNameValue() {
    return Optional.ofNullable(lastName);
  }

  Optional<String> usernameValue() {
    return Optional.ofNullable(username);
  }

  Optional<String> languageValue() {
    return Optional.ofNullable(language);
  }

  /** This user's private chat with the bot. */
  public SimulatedChat chat() {
    return core.locked(() -> new SimulatedChat(core, core.privateChat(this)));
  }

  /** Sends a text message (a command if it starts with {@code /}); returns the update_id. */
  public long sends(String text) {
    requireText(text);
    return core.locked(() -> core.userMessage(this, core.privateChat(this), text, null));
  }

  /** Sends a text message in a group; returns the update_id. */
  public long sendsIn(SimulatedChat group, String text) {
    requireText(text);
    Objects.requireNonNull(group, "group");
    if (group.state().isPrivate()) {
      throw new IllegalArgumentException(
          "sendsIn takes a group chat but got private chat " + group.id());
    }
    return core.locked(() -> core.userMessage(this, group.state(), text, null));
  }

  /**
   * Presses the callback button with exactly this text on the newest bot message in the private
   * chat that has one; returns the update_id.
   *
   * @throws IllegalStateException listing the buttons seen when there is no such button
   */
  public long presses(String buttonText) {
    return core.locked(
        () -> {
          ChatState chat = core.privateChat(this);
          List<String> seen = new ArrayList<>();
          for (int k = chat.messages.size() - 1; k >= 0; k--) {
            MessageState m = chat.messages.get(k);
            if (!m.fromBot || m.deleted) {
              continue;
            }
            for (List<Button> row : m.keyboard) {
              for (Button b : row) {
                if (b.text().equals(buttonText)) {
                  if (b.callbackData().isEmpty()) {
                    throw new IllegalStateException(
                        "button '"
                            + buttonText
                            + "' on message #"
                            + m.messageId
                            + " is not a callback button"
                            + b.url().map(u -> " (it opens " + u + ")").orElse(""));
                  }
                  return press(chat, m, b.callbackData().get());
                }
                seen.add("#" + m.messageId + " '" + b.text() + "'");
              }
            }
          }
          throw new IllegalStateException(
              "no bot message in chat "
                  + id
                  + " has a button '"
                  + buttonText
                  + "'; buttons seen (newest first): "
                  + (seen.isEmpty() ? "none" : String.join(", ", seen)));
        });
  }

  /**
   * Sends a callback query with this data from the newest bot message in the private chat that has
   * an inline keyboard; returns the update_id.
   */
  public long pressesData(String callbackData) {
    Objects.requireNonNull(callbackData, "callbackData");
    return core.locked(
        () -> {
          ChatState chat = core.privateChat(this);
          for (int k = chat.messages.size() - 1; k >= 0; k--) {
            MessageState m = chat.messages.get(k);
            if (m.fromBot && !m.deleted && !m.keyboard.isEmpty()) {
              return press(chat, m, callbackData);
            }
          }
          throw new IllegalStateException("no bot message with an inline keyboard in chat " + id);
        });
  }

  /** Presses a callback button on a given bot message of the private chat (the sandbox's press). */
  long pressOn(long messageId, String data) {
    return core.locked(
        () -> {
          ChatState chat = core.privateChat(this);
          MessageState m = chat.message(messageId);
          if (m == null || !m.fromBot || m.deleted) {
            throw new IllegalStateException("no bot message #" + messageId + " in chat " + id);
          }
          return press(chat, m, data);
        });
  }

  private long press(ChatState chat, MessageState m, String data) {
    String queryId = core.newId("cbq");
    core.callbacks.put(
        queryId, new SimulatorCore.CallbackState(queryId, id, chat.id, m.messageId, data));
    ObjectNode q = RequestParams.MAPPER.createObjectNode();
    q.put("id", queryId);
    q.set("from", core.json.userJson(this));
    q.set("message", core.json.messageJson(chat, m));
    q.put("chat_instance", Long.toString(chat.id * 31 + core.botId));
    q.put("data", data);
    return core.enqueue("callback_query", q);
  }

  /**
   * Pays an invoice: sends a {@code pre_checkout_query}, waits (up to the simulator's pre-checkout
   * timeout, 10 s by default) for {@code answerPreCheckoutQuery}, and when approved sends a message
   * with {@code successful_payment}. Blocks the calling thread.
   */
  public PaymentOutcome pays(SimulatedInvoice invoice) {
    Objects.requireNonNull(invoice, "invoice");
    return payments.pay(this, invoice);
  }

  /** Blocks the bot: sends to this chat then get 403, and the bot gets a my_chat_member update. */
  public void blocksBot() {
    setBlocked(true);
  }

  /** Unblocks the bot (restarts it), with a my_chat_member update. */
  public void unblocksBot() {
    setBlocked(false);
  }

  private void setBlocked(boolean blocked) {
    core.lockedRun(
        () -> {
          ChatState chat = core.privateChat(this);
          if (chat.blocked == blocked) {
            return;
          }
          chat.blocked = blocked;
          ObjectNode u = RequestParams.MAPPER.createObjectNode();
          u.set("chat", core.json.chatJson(chat));
          u.set("from", core.json.userJson(this));
          u.put("date", core.nowSeconds());
          ObjectNode old = u.putObject("old_chat_member");
          old.set("user", core.json.botJson());
          old.put("status", blocked ? "member" : "kicked");
          ObjectNode now = u.putObject("new_chat_member");
          now.set("user", core.json.botJson());
          now.put("status", blocked ? "kicked" : "member");
          if (blocked) {
            now.put("until_date", 0);
            old.remove("until_date");
          } else {
            old.put("until_date", 0);
          }
          core.enqueue("my_chat_member", u);
        });
  }

  /** Joins a channel (getChatMember then answers {@code member}). */
  public void joins(long channelId) {
    core.lockedRun(
        () -> {
          core.channel(channelId).members.add(id);
          core.touch();
        });
  }

  /** Leaves a channel (getChatMember then answers {@code left}). */
  public void leaves(long channelId) {
    core.lockedRun(
        () -> {
          core.channel(channelId).members.remove(id);
          core.touch();
        });
  }

  private static void requireText(String text) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("text must be non-empty but was '" + text + "'");
    }
  }

  @Override
  public String toString() {
    return "SimulatedUser[" + id + " " + firstName + "]";
  }
}
