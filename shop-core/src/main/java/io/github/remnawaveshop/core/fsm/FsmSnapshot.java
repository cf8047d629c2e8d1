package io.github.remnawaveshop.core.fsm;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * State and data of one conversation, read together (on Redis in one round trip).
 *
 * @param state the current state, empty when none is set
 * @param data the data map (unmodifiable; values are JSON-shaped: String, Integer, Long, Double,
 *     Boolean, List, Map, or {@code null} for JSON null)
 */
public record FsmSnapshot(Optional<String> state, Map<String, Object> data) {
  /** Validates and freezes the parts. */
  public FsmSnapshot {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(data, "data");
  }

  /** True when there is neither a state nor any data. */
  public boolean isEmpty() {
    return state.isEmpty() && data.isEmpty();
  }
}
