/**
 * Updates in, handlers out: the {@link io.github.remnawaveshop.telegram.dispatch.Dispatcher} runs
 * each update through a chain of {@link io.github.remnawaveshop.telegram.dispatch.Middleware}s (an
 * OkHttp-style {@code intercept(ctx, chain)} → {@code chain.proceed(ctx)}) to the first matching
 * handler of its {@link io.github.remnawaveshop.telegram.dispatch.Router}s. Updates of one chat are
 * handled one at a time and in order, different chats in parallel, with a bounded backlog; every
 * callback query is answered.
 */
package io.github.remnawaveshop.telegram.dispatch;
