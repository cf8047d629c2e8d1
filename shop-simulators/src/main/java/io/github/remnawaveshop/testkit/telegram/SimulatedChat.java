package io.github.remnawaveshop.testkit.telegram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A chat as the simulator sees it (a user's private chat, a group or a channel): what the bot sent
 * there, and awaits for what it will send. Thread-safe; every read is a snapshot.
 */
public final class SimulatedChat {
  private final SimulatorCore core;
  private final ChatState state;

  SimulatedChat(SimulatorCore core, ChatState state) {
    this.core = core;
    this.state = state;
  }

  /** The chat id (for a private chat, the user's id). */
  public long id() {
    return state.id;
  }

  /** {@code private}, {@code group}, {@code supergroup} or {@code channel}. */
  public String type() {
    return state.type;
  }

  /** The bot's messages in this chat, in order, edits applied, deleted ones flagged. */
  public List<SentMessage> messages() {
    return core.locked(this::snapshot);
  }

  /** The bot's newest message that is not deleted. */
  public Optional<SentMessage> lastMessage() {
    return core.locked(
        () -> {
          for (int k = state.messages.size() - 1; k >= 0; k--) {
            MessageState m = state.messages.get(k);
            if (m.fromBot && !m.deleted) {
              return Optional.of(m.snapshot());
            }
          }
          return Optional.empty();
        });
  }

  /** The invoices the bot sent to this chat, in order. */
  public List<SimulatedInvoice> invoices() {
    return messages().stream().flatMap(m -> m.invoice().stream()).toList();
  }

  /**
   * Waits until one of the bot's messages here matches, newest first, checking the current state of
   * each message (so an edit that makes a message match counts too).
   *
   * @throws IllegalStateException with the chat's transcript if none matches in time
   */
  public SentMessage awaitMessage(Predicate<SentMessage> matcher, Duration timeout) {
    Objects.requireNonNull(matcher, "matcher");
    return core.await(
            () -> {
              List<SentMessage> all = snapshot();
              for (int k = all.size() - 1; k >= 0; k--) {
                if (matcher.test(all.get(k))) {
                  return Optional.of(all.get(k));
                }
              }
              return Optional.<SentMessage>empty();
            },
            timeout)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no message from the bot matched in chat "
                        + state.id
                        + " within "
                        + timeout
                        + "; "
                        + transcript()));
  }

  /**
   * Waits until the bot has sent at least {@code count} messages here (deleted ones included) and
   * returns them all.
   */
  public List<SentMessage> awaitMessages(int count, Duration timeout) {
    return core.await(
            () -> {
              List<SentMessage> all = snapshot();
              return all.size() >= count ? Optional.of(all) : Optional.<List<SentMessage>>empty();
            },
            timeout)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "expected "
                        + count
                        + " messages from the bot in chat "
                        + state.id
                        + " within "
                        + timeout
                        + "; "
                        + transcript()));
  }

  /** Everything in the chat, both sides, one line per message, for failure messages. */
  public String transcript() {
    return core.locked(
        () -> {
          StringBuilder s = new StringBuilder("transcript of chat ").append(state.id).append(':');
          if (state.messages.isEmpty()) {
            s.append(" (empty)");
          }
          for (MessageState m : state.messages) {
            s.append("\n  ");
            if (m.fromBot) {
              s.append("bot  ").append(m.snapshot().summary());
            } else {
              s.append("user ")
                  .append('#')
                  .append(m.messageId)
                  .append(' ')
                  .append(m.extra != null ? m.kind : m.text);
            }
          }
          return s.toString();
        });
  }

  private List<SentMessage> snapshot() {
    List<SentMessage> out = new ArrayList<>();
    for (MessageState m : state.messages) {
      if (m.fromBot) {
        out.add(m.snapshot());
      }
    }
    return List.copyOf(out);
  }

  ChatState state() {
    return state;
  }

  @Override
  public String toString() {
    return "SimulatedChat[" + state.id + " " + state.type + "]";
  }
}
