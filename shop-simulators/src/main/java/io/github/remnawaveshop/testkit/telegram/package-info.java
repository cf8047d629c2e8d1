/**
 * A Telegram Bot API simulator and a local chat sandbox, for tests and demos.
 *
 * <p>{@link io.github.remnawaveshop.testkit.telegram.BotApiSimulator} serves the Bot API subset a
 * shop bot uses over real HTTP ({@code com.sun.net.httpserver}) in Telegram's wire format, plays
 * users ({@link io.github.remnawaveshop.testkit.telegram.SimulatedUser}) who send messages, press
 * buttons and pay with Stars, records what the bot sent ({@link
 * io.github.remnawaveshop.testkit.telegram.SimulatedChat}), enforces Telegram-like rate limits
 * ({@link io.github.remnawaveshop.testkit.telegram.SimulatedLimits}) and injects faults. {@link
 * io.github.remnawaveshop.testkit.telegram.ChatSandbox} puts a Telegram-like chat page in front of
 * it so a person can talk to a bot in a browser.
 *
 * <p>Only the public types named above and the values they return are API; every other type in the
 * package is package-private.
 */
package io.github.remnawaveshop.testkit.telegram;
