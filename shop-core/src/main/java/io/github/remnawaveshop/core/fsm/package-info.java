/**
 * Conversation (finite-state-machine) storage for bots: a state name and a JSON data map per {@link
 * io.github.remnawaveshop.core.fsm.StorageKey}, modelled on aiogram 3 so ported bots feel at home.
 * Build one with {@link io.github.remnawaveshop.core.fsm.FsmStorage#builder()}: in memory, or on
 * Redis (shared by every instance of the bot, surviving restarts). See {@code docs/fsm.md}.
 *
 * <p>Public API: {@code FsmStorage}, {@code StorageKey}, {@code KeyStrategy}, {@code FsmSnapshot},
 * {@code FsmStats}, {@code RedisOutagePolicy} and the exceptions. Every other class here is
 * package-private and not API.
 */
@NullMarked
package io.github.remnawaveshop.core.fsm;

import org.jspecify.annotations.NullMarked;
