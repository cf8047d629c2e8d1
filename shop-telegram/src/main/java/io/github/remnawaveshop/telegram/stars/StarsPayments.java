package io.github.remnawaveshop.telegram.stars;

import io.github.remnawaveshop.core.payment.ApplyResult;
import io.github.remnawaveshop.core.payment.Notification;
import io.github.remnawaveshop.core.payment.PaymentEventSink;
import io.github.remnawaveshop.core.payment.VerifiedNotification;
import io.github.remnawaveshop.telegram.api.methods.AnswerPreCheckoutQuery;
import io.github.remnawaveshop.telegram.api.types.Message;
import io.github.remnawaveshop.telegram.api.types.PreCheckoutQuery;
import io.github.remnawaveshop.telegram.api.types.RefundedPayment;
import io.github.remnawaveshop.telegram.api.types.SuccessfulPayment;
import io.github.remnawaveshop.telegram.api.types.User;
import io.github.remnawaveshop.telegram.dispatch.Context;
import io.github.remnawaveshop.telegram.dispatch.Router;
import io.github.remnawaveshop.telegram.dispatch.Texts;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Telegram side of Stars payments: {@link #router()} gives the dispatcher three routes.
 *
 * <ul>
 *   <li>{@code pre_checkout_query}: answered at once (Telegram waits 10 s) — approved only while
 *       the order of the payload is pending, belongs to the Stars gateway and the amount and
 *       currency match; declined otherwise with a short text in the user's language (keys {@code
 *       stars.declined.*} of bundle {@code shop-notices}).
 *   <li>{@code successful_payment}: signed as a {@link Notification}, verified by {@link
 *       StarsGateway#verify} and handed to the sink ({@code SubscriptionEngine.apply("stars", …)}),
 *       which credits once per charge id however often the update comes.
 *   <li>{@code refunded_payment}: the same path, as a refund.
 * </ul>
 *
 * <p>When the sink cannot apply a payment now (database down) it is tried again a few times before
 * the handler gives up with an error, so a short outage does not lose a paid order. Immutable and
 * thread-safe.
 */
public final class StarsPayments {
  /** Text key of the decline for an order the shop does not know. */
  public static final String DECLINED_UNKNOWN = "stars.declined.unknown_order";

  /** Text key of the decline for an order that is paid, cancelled or expired. */
  public static final String DECLINED_NOT_PENDING = "stars.declined.not_pending";

  /** Text key of the decline for an amount or currency other than the order's. */
  public static final String DECLINED_AMOUNT = "stars.declined.amount";

  /** Text key of the decline when the order could not be checked (database down). */
  public static final String DECLINED_UNAVAILABLE = "stars.declined.unavailable";

  private static final Logger log = LoggerFactory.getLogger(StarsPayments.class);

  private final StarsGateway gateway;
  private final PaymentEventSink sink;
  private final StarsOrders orders;
  private final Texts texts;
  private final int attempts;
  private final Duration backoff;

  private StarsPayments(Builder b) {
    this.gateway = b.gateway;
    this.sink = b.sink;
    this.orders = b.orders;
    this.texts = b.texts != null ? b.texts : Texts.bundle("shop-notices");
    this.attempts = b.attempts;
    this.backoff = b.backoff;
  }

  /** A builder; gateway, sink and orders are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The routes for pre-checkout queries, successful payments and refunds; include it in the
   * dispatcher.
   */
  public Router router() {
    return Router.builder("stars")
        .preCheckout(this::onPreCheckout)
        .successfulPayment(this::onSuccessfulPayment)
        .on(
            "refunded_payment",
            ctx -> ctx.message().flatMap(Message::refundedPayment).isPresent(),
            this::onRefunded)
        .build();
  }

  /**
   * Decides a pre-checkout query without answering it.
   *
   * @return empty to approve, else the text key of the reason to decline
   */
  public Optional<String> decide(PreCheckoutQuery query) {
    Objects.requireNonNull(query, "query");
    Optional<StarsOrder> found;
    try {
      found = orders.order(query.invoicePayload());
    } catch (RuntimeException e) {
      log.warn(
          "Pre-checkout {} of user {}: order {} could not be read ({}); declined",
          query.id(),
          query.from().id(),
          query.invoicePayload(),
          e.getClass().getSimpleName());
      return Optional.of(DECLINED_UNAVAILABLE);
    }
    if (found.isEmpty() || !StarsGateway.ID.equals(found.get().gatewayId())) {
      return Optional.of(DECLINED_UNKNOWN);
    }
    StarsOrder order = found.get();
    if (!order.pending()) {
      return Optional.of(DECLINED_NOT_PENDING);
    }
    if (!StarsGateway.CURRENCY.equals(query.currency())
        || !order.amount().currency().equals(query.currency())
        || order.amount().minorUnits() != query.totalAmount()) {
      return Optional.of(DECLINED_AMOUNT);
    }
    return Optional.empty();
  }

  private void onPreCheckout(Context ctx) {
    PreCheckoutQuery q = ctx.preCheckoutQuery().orElseThrow();
    Optional<String> decline = decide(q);
    if (decline.isEmpty()) {
      log.info(
          "Pre-checkout {} of user {} for order {} ({} {}) approved",
          q.id(),
          q.from().id(),
          q.invoicePayload(),
          q.totalAmount(),
          q.currency());
      ctx.send(AnswerPreCheckoutQuery.approve(q.id()));
      return;
    }
    log.info(
        "Pre-checkout {} of user {} for order {} ({} {}) declined: {}",
        q.id(),
        q.from().id(),
        q.invoicePayload(),
        q.totalAmount(),
        q.currency(),
        decline.get());
    String language = texts.match(ctx.language()).orElse(texts.defaultLanguage());
    ctx.send(AnswerPreCheckoutQuery.decline(q.id(), texts.get(language, decline.get())));
  }

  private void onSuccessfulPayment(Context ctx) throws InterruptedException {
    Message m = ctx.message().orElseThrow();
    SuccessfulPayment p = m.successfulPayment().orElseThrow();
    apply(gateway.notificationOf(buyer(m), m.date(), p), ctx.update().updateId());
  }

  private void onRefunded(Context ctx) throws InterruptedException {
    Message m = ctx.message().orElseThrow();
    RefundedPayment p = m.refundedPayment().orElseThrow();
    apply(gateway.notificationOf(buyer(m), m.date(), p), ctx.update().updateId());
  }

  private static long buyer(Message m) {
    return m.from().map(User::id).orElse(m.chat().id());
  }

  private void apply(Notification notification, long updateId) throws InterruptedException {
    VerifiedNotification verified = gateway.verify(notification);
    RuntimeException last = null;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      try {
        ApplyResult result = sink.apply(StarsGateway.ID, verified);
        if (result.accepted()) {
          log.info(
              "Stars {} {} (update {}): {} - {}",
              verified.eventType(),
              verified.providerEventId(),
              updateId,
              result.outcome(),
              result.detail());
        } else {
          // the money is with the shop's bot account but no order takes it: an operator must look
          // (or refund)
          log.error(
              "Stars {} {} (update {}) NOT credited: {} - {}; refund it or credit it by hand",
              verified.eventType(),
              verified.providerEventId(),
              updateId,
              result.outcome(),
              result.detail());
        }
        return;
      } catch (RuntimeException e) {
        last = e;
        log.warn(
            "Stars {} {} (update {}) could not be applied (attempt {} of {}): {}",
            verified.eventType(),
            verified.providerEventId(),
            updateId,
            attempt,
            attempts,
            e.getClass().getSimpleName());
        if (attempt < attempts) {
          Thread.sleep(backoff.multipliedBy(1L << Math.min(attempt - 1, 10)).toMillis());
        }
      }
    }
    throw last;
  }

  @Override
  public String toString() {
    return "StarsPayments[" + gateway + ", " + orders + "]";
  }

  /** Builder of {@link StarsPayments}; not thread-safe. */
  public static final class Builder {
    private StarsGateway gateway;
    private PaymentEventSink sink;
    private StarsOrders orders;
    private Texts texts;
    private int attempts = 3;
    private Duration backoff = Duration.ofSeconds(1);

    private Builder() {}

    /**
     * The Stars gateway the engine knows under id {@code stars} (required; the same instance: it
     * holds the key).
     */
    public Builder gateway(StarsGateway gateway) {
      this.gateway = Objects.requireNonNull(gateway, "gateway");
      return this;
    }

    /** Where verified payments go: the subscription engine (required). */
    public Builder sink(PaymentEventSink sink) {
      this.sink = Objects.requireNonNull(sink, "sink");
      return this;
    }

    /** Where pre-checkout queries find their order (required; usually {@link StarsOrders#of}). */
    public Builder orders(StarsOrders orders) {
      this.orders = Objects.requireNonNull(orders, "orders");
      return this;
    }

    /**
     * The decline texts (default bundle {@code shop-notices}; add your own bundle to override
     * keys).
     */
    public Builder texts(Texts texts) {
      this.texts = Objects.requireNonNull(texts, "texts");
      return this;
    }

    /**
     * How often a payment the sink could not apply is tried, and the first pause (doubling);
     * default 3 times, 1 s.
     */
    public Builder retries(int attempts, Duration backoff) {
      if (attempts < 1 || attempts > 10) {
        throw new IllegalArgumentException("attempts must be 1-10; was " + attempts);
      }
      Objects.requireNonNull(backoff, "backoff");
      if (backoff.isNegative() || backoff.compareTo(Duration.ofMinutes(1)) > 0) {
        throw new IllegalArgumentException("backoff must be 0 to 1 minute; was " + backoff);
      }
      this.attempts = attempts;
      this.backoff = backoff;
      return this;
    }

    /**
     * Builds it.
     *
     * @throws IllegalStateException naming what is missing
     */
    public StarsPayments build() {
      if (gateway == null) {
        throw new IllegalStateException(
            "gateway must be set (the StarsGateway the engine's gateways hold)");
      }
      if (sink == null) {
        throw new IllegalStateException("sink must be set (the SubscriptionEngine)");
      }
      if (orders == null) {
        throw new IllegalStateException("orders must be set, e.g. StarsOrders.of(shopStore)");
      }
      return new StarsPayments(this);
    }
  }
}
