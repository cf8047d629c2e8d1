package io.github.remnawaveshop.telegram.dispatch;

/**
 * A link of the dispatcher's chain, as an OkHttp interceptor: do something before, call {@code
 * chain.proceed(ctx)} (or not, to stop the update), do something after. The built-ins in {@link
 * Middlewares} (logging, errors, rate limit, FSM, i18n) are ordinary middlewares.
 */
@FunctionalInterface
public interface Middleware {
  /**
   * Handles the update or passes it on.
   *
   * @param ctx the update
   * @param chain the rest of the chain
   * @throws Exception passed outwards to the error middleware
   */
  void intercept(Context ctx, Chain chain) throws Exception;

  /** The rest of the chain after a middleware. */
  @FunctionalInterface
  interface Chain {
    /**
     * Runs the next middleware, or the routers after the last one.
     *
     * @param ctx the update
     * @throws Exception what the rest of the chain threw
     */
    void proceed(Context ctx) throws Exception;
  }
}
