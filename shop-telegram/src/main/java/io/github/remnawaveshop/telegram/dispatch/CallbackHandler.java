package io.github.remnawaveshop.telegram.dispatch;

/**
 * Handles a button press whose callback data a {@link CallbackCodec} decoded.
 *
 * @param <T> the decoded value
 */
@FunctionalInterface
public interface CallbackHandler<T> {
  /**
   * Handles the press.
   *
   * @param ctx the update and its helpers
   * @param value the decoded callback data
   * @throws Exception anything; handled as for {@link Handler}
   */
  void handle(Context ctx, T value) throws Exception;
}
