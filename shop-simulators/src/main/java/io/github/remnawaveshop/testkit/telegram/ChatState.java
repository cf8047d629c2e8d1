package io.github.remnawaveshop.testkit.telegram;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** One chat's state (private chat, group or channel), guarded by the simulator's lock. */
final class ChatState {
  final long id;
  final String type;
  String title;

  /** The user of a private chat. */
  SimulatedUser user;

  final List<MessageState> messages = new ArrayList<>();
  long nextMessageId = 1;
  boolean blocked;
  Long migratedTo;
  final Set<Long> members = new HashSet<>();

  /** Bumped on every change to the chat's transcript. */
  long version;

  ChatState(long id, String type, String title) {
    this.id = id;
    this.type = type;
    this.title = title;
  }

  boolean isPrivate() {
    return type.equals("private");
  }

  MessageState message(long messageId) {
    for (MessageState m : messages) {
      if (m.messageId == messageId) {
        return m;
      }
    }
    return null;
  }
}
