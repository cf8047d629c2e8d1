/**
 * Records for the Bot API types a shop bot meets, read from Telegram's snake_case JSON. Unknown
 * fields are ignored (Telegram adds fields every month); absent fields are {@link
 * java.util.Optional#empty()} or empty lists; values of open enumerations (chat type, member
 * status) are kept as Telegram sent them, with a typed view that maps unknown values to {@code
 * UNKNOWN}.
 */
package io.github.remnawaveshop.telegram.api.types;
