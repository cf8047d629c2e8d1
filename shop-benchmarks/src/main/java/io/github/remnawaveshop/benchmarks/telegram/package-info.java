/**
 * Benchmarks of the Telegram layer against the Bot API simulator: a broadcast under Telegram's
 * flood limits, the dispatcher's middleware overhead, and a whole shop under 500 concurrent users.
 * Not API.
 */
package io.github.remnawaveshop.benchmarks.telegram;
