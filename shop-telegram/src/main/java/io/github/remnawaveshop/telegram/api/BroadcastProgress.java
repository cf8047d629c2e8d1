package io.github.remnawaveshop.telegram.api;

/**
 * How far a broadcast has got.
 *
 * @param total recipients in all
 * @param sent messages Telegram accepted
 * @param blocked recipients who blocked the bot
 * @param failed other failures
 */
public record BroadcastProgress(int total, int sent, int blocked, int failed) {
  /** Recipients done so far. */
  public int done() {
    return sent + blocked + failed;
  }
}
