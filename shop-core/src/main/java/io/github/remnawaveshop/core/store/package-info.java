/**
 * The shop's PostgreSQL store: versioned schema migrations and repositories of immutable records.
 *
 * <p>Start with {@link io.github.remnawaveshop.core.store.ShopStore#builder()}, call {@link
 * io.github.remnawaveshop.core.store.ShopStore#migrate()} once at start-up, then use the
 * repositories ({@code users()}, {@code payments()}, ...) directly for single statements, or {@link
 * io.github.remnawaveshop.core.store.ShopStore#inTransaction} to run several of them in one
 * database transaction. Failures surface as {@link
 * io.github.remnawaveshop.core.store.StoreException} and its subclasses, never as raw SQL
 * exceptions. Classes not declared {@code public} here are implementation details.
 */
@NullMarked
package io.github.remnawaveshop.core.store;

import org.jspecify.annotations.NullMarked;
