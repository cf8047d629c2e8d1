package io.github.remnawaveshop.telegram.dispatch;

import io.github.remnawaveshop.core.fsm.FsmStorage;
import io.github.remnawaveshop.telegram.api.types.ParseMode;
import java.util.Optional;

/** What a dispatcher gives each {@link Context}. */
record DispatcherServices(
    FsmStorage fsm,
    Texts texts,
    LanguageResolver languages,
    ParseMode parseMode,
    Optional<String> botUsername) {}
