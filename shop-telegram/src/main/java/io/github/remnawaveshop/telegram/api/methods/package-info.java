/**
 * The Bot API methods a shop bot uses, each an immutable record tied to its result type. Create one
 * with its static factory and refine it with the {@code with…}-style setters, each returning a new
 * value: {@code SendMessage.to(chat, text).parseMode(ParseMode.HTML).keyboard(k)}. Limits Telegram
 * enforces on content (text length, callback data) are checked when the value is made, with a
 * message naming the bad value.
 */
package io.github.remnawaveshop.telegram.api.methods;
