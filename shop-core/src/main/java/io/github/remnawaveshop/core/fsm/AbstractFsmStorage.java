package io.github.remnawaveshop.core.fsm;

import java.util.Objects;
import java.util.Optional;

/** What both backends share: key strategy, codec and typed access. */
abstract class AbstractFsmStorage implements FsmStorage {
  final FsmConfig config;
  final FieldCodec codec;

  AbstractFsmStorage(FsmConfig config) {
    this.config = config;
    this.codec = new FieldCodec(config.mapper, config.defaultMapper);
  }

  final StorageKey normalize(StorageKey key) {
    return config.keyStrategy.apply(Objects.requireNonNull(key, "key"));
  }

  static String checkState(String state) {
    Objects.requireNonNull(state, "state");
    if (state.isEmpty()) {
      throw new IllegalArgumentException("state must not be empty; use clearState to remove it");
    }
    return state;
  }

  @Override
  public <T> Optional<T> getValue(StorageKey key, String field, Class<T> type) {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(type, "type");
    return codec.convert(field, Optional.ofNullable(getData(key).get(field)), type);
  }
}
