package io.github.remnawaveshop.telegram.dispatch;

import io.github.remnawaveshop.core.fsm.FsmSnapshot;
import io.github.remnawaveshop.core.fsm.FsmStorage;
import io.github.remnawaveshop.core.fsm.StorageKey;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The conversation state of one update's user in its chat, over {@code core.fsm.FsmStorage} (Redis
 * when configured, so a restart in the middle of a multi-step flow resumes where the user was). The
 * snapshot is read once per update, lazily; writes go to the storage at once.
 */
public final class FsmContext {
  private final FsmStorage storage;
  private final StorageKey key;
  private FsmSnapshot snapshot;

  FsmContext(FsmStorage storage, StorageKey key) {
    this.storage = Objects.requireNonNull(storage, "storage");
    this.key = Objects.requireNonNull(key, "key");
  }

  /** The storage key. */
  public StorageKey key() {
    return key;
  }

  /** The current state. */
  public Optional<String> state() {
    return snapshot().state();
  }

  /** Sets the state. */
  public void setState(String state) {
    storage.setState(key, state);
    snapshot = new FsmSnapshot(Optional.of(state), snapshot().data());
  }

  /** The data map. */
  public Map<String, Object> data() {
    return snapshot().data();
  }

  /** A data value as a string. */
  public Optional<String> get(String field) {
    Object v = data().get(field);
    return v == null ? Optional.empty() : Optional.of(v.toString());
  }

  /** Merges fields into the data atomically. */
  public Map<String, Object> update(Map<String, ?> patch) {
    Map<String, Object> merged = storage.updateData(key, patch);
    snapshot = new FsmSnapshot(snapshot().state(), merged);
    return merged;
  }

  /** Clears state and data: the conversation is over. */
  public void clear() {
    storage.clear(key);
    snapshot = new FsmSnapshot(Optional.empty(), Map.of());
  }

  private FsmSnapshot snapshot() {
    if (snapshot == null) {
      snapshot = storage.read(key);
    }
    return snapshot;
  }
}
