package io.github.remnawaveshop.core.fsm;

/**
 * Redis key names, aiogram 3's layout with a hash tag so both keys of a conversation share a
 * cluster slot: {@code <prefix>:{<bot>[:<business>]:<chat>[:<thread>]:<user>:<destiny>}:state} (a
 * string) and {@code ...:data} (a hash of field to JSON text).
 */
final class RedisKeyLayout {
  private final String prefix;

  RedisKeyLayout(String prefix) {
    this.prefix = prefix;
  }

  /** Index 0 is the state key, 1 the data key. */
  String[] keys(StorageKey key) {
    StringBuilder b =
        new StringBuilder(prefix.length() + 64).append(prefix).append(":{").append(key.botId());
    key.businessConnectionId().ifPresent(id -> b.append(':').append(id));
    b.append(':').append(key.chatId());
    key.threadId().ifPresent(t -> b.append(':').append(t));
    b.append(':').append(key.userId()).append(':').append(key.destiny()).append('}');
    String base = b.toString();
    return new String[] {base + ":state", base + ":data"};
  }
}
