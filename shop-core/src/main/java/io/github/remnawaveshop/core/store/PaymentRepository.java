package io.github.remnawaveshop.core.store;

import io.github.remnawaveshop.core.payment.Money;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Payments. {@code (provider, external id)} is unique, so a provider's payment is recorded and
 * credited at most once; every state change is a compare-and-set that reports whether this call
 * made it. Run the change and the crediting (subscription extension, outbox row) in one {@link
 * ShopStore#inTransaction}. Obtained from {@link ShopStore#payments()} or {@link
 * StoreTransaction#payments()}.
 */
public interface PaymentRepository {
  /**
   * Records a pending checkout.
   *
   * @param payment the payment
   * @return the stored payment, status {@link PaymentStatus#PENDING}
   * @throws DuplicateKeyException on a reused idempotency key ({@code
   *     shop_payments_idempotency_key_key}) or provider external id ({@code
   *     shop_payments_provider_external_id_key})
   */
  Payment create(NewPayment payment);

  /**
   * Records a payment whose money is already confirmed (e.g. a Telegram Stars {@code
   * successful_payment}), once per provider and external id.
   *
   * @param payment the payment; its external id is required
   * @param paidAt when the provider confirmed it
   * @return the stored payment when this call recorded it; empty when that provider's external id
   *     was already recorded (a redelivery: do not credit again)
   */
  Optional<Payment> recordPaid(NewPayment payment, Instant paidAt);

  /**
   * Sets the provider's id on a pending payment that has none yet.
   *
   * @param id payment id
   * @param externalId the provider's payment id
   * @return the updated payment; empty when missing, not pending, or already holding an external id
   * @throws DuplicateKeyException when another payment of the provider holds that external id
   */
  Optional<Payment> attachExternalId(long id, String externalId);

  /**
   * Marks the pending payment with that provider's external id as paid.
   *
   * @param provider the gateway's id
   * @param externalId the provider's payment id
   * @param paidAt when the provider confirmed it
   * @return the paid payment when this call changed it; empty when there is no such pending payment
   *     (unknown, or already paid: do not credit again)
   */
  Optional<Payment> markPaid(String provider, String externalId, Instant paidAt);

  /**
   * Marks a pending payment, known by the shop's id, as paid and sets its external id (flows where
   * the provider echoes the shop's id, e.g. Robokassa's {@code InvId}).
   *
   * @param id payment id
   * @param externalId the provider's payment id
   * @param paidAt when the provider confirmed it
   * @return the paid payment when this call changed it; empty otherwise
   * @throws DuplicateKeyException when another payment of the provider holds that external id
   */
  Optional<Payment> markPaid(long id, String externalId, Instant paidAt);

  /**
   * As {@link #markPaid(long, String, Instant)}, recording in the same statement how many days the
   * payment added to its user's subscription; also for an order that was cancelled or failed (a
   * late payment of an abandoned or expired order is still money taken).
   *
   * @param id payment id
   * @param externalId the provider's payment id
   * @param paidAt when the provider confirmed it
   * @param creditedDays the days credited, 0 or more
   * @return the paid payment when this call changed it; empty otherwise
   * @throws DuplicateKeyException when another payment of the provider holds that external id
   */
  Optional<Payment> markPaid(long id, String externalId, Instant paidAt, int creditedDays);

  /**
   * As {@link #markPaid(long, String, Instant, int)}, and in the same statement enqueues {@code
   * job} as {@link OutboxRepository#enqueue} would when, and only when, the payment was marked
   * paid: the last write of a credit in one round trip.
   *
   * @param id payment id
   * @param externalId the provider's payment id
   * @param paidAt when the provider confirmed it
   * @param creditedDays the days credited, 0 or more
   * @param job the outbox job to add with it (skipped when one with its dedupe key exists)
   * @return the paid payment when this call changed it; empty otherwise (then no job was added)
   * @throws DuplicateKeyException when another payment of the provider holds that external id
   */
  Optional<Payment> markPaid(
      long id, String externalId, Instant paidAt, int creditedDays, NewOutboxMessage job);

  /**
   * A paid order's whole credit in one statement: the order marked paid with {@code creditedDays}
   * as {@link #markPaid(long, String, Instant, int, NewOutboxMessage)} does and, only when that
   * changed it, its buyer credited with {@code creditedDays} of its plan as {@link
   * SubscriptionRepository#creditPlan} does (in the order's currency), and {@code job} enqueued
   * with the credited subscription's end added to its JSON payload under {@code endsAtField}
   * (ISO-8601 in UTC, microseconds). For an order with a plan; call with the buyer's account locked
   * ({@link UserRepository#lockAccounts} or {@link #recordDeliveryAndLockForCredit}).
   *
   * @param id payment id
   * @param externalId the provider's payment id
   * @param paidAt when the provider confirmed it
   * @param creditedDays the days credited, 0 to 36600
   * @param job the outbox job to add with it (skipped when one with its dedupe key exists); its
   *     payload must be a JSON object
   * @param endsAtField the payload field that receives the credited end
   * @return the paid order and the subscription after the credit; empty when the order was not
   *     payable or has no plan (then nothing was written)
   * @throws DuplicateKeyException when another payment of the provider holds that external id
   */
  Optional<PaidCredit> markPaidAndCreditPlan(
      long id,
      String externalId,
      Instant paidAt,
      int creditedDays,
      NewOutboxMessage job,
      String endsAtField);

  /**
   * Marks a paid payment as refunded.
   *
   * @param provider the gateway's id
   * @param externalId the provider's payment id
   * @param refundedAt when refunded
   * @return the refunded payment when this call changed it; empty otherwise
   */
  Optional<Payment> markRefunded(String provider, String externalId, Instant refundedAt);

  /**
   * Records a refund of a paid (or partly refunded) payment: the total given back so far becomes
   * {@code refundedTotalMinor}; the payment is {@link PaymentStatus#REFUNDED} when that is its
   * whole amount, {@link PaymentStatus#PARTIALLY_REFUNDED} before.
   *
   * @param id payment id
   * @param refundedTotalMinor the new total refunded, more than before and at most the amount
   * @param refundedAt when refunded
   * @return the updated payment when this call changed it; empty otherwise
   */
  Optional<Payment> recordRefund(long id, long refundedTotalMinor, Instant refundedAt);

  /**
   * @param id payment id @return the failed payment when this call changed it from pending; empty
   *     otherwise
   */
  Optional<Payment> markFailed(long id);

  /**
   * @param id payment id @return the cancelled payment when this call changed it from pending;
   *     empty otherwise
   */
  Optional<Payment> markCancelled(long id);

  /**
   * @param id payment id @return the payment, if any
   */
  Optional<Payment> findById(long id);

  /**
   * @param provider gateway id @param externalId provider's payment id @return the payment, if any
   */
  Optional<Payment> findByExternalId(String provider, String externalId);

  /**
   * @param idempotencyKey the shop's key @return the payment, if any
   */
  Optional<Payment> findByIdempotencyKey(String idempotencyKey);

  /**
   * @param userId store id @param request the page @return the user's payments, newest first
   */
  Page<Payment> listByUser(long userId, PageRequest request);

  /**
   * Payments created in {@code [from, to)}, ordered by creation time then id.
   *
   * @param from inclusive lower bound
   * @param to exclusive upper bound
   * @param request the page
   * @return the page
   */
  Page<Payment> listCreatedBetween(Instant from, Instant to, PageRequest request);

  /**
   * Pending payments created before an instant, oldest first: checkouts to reconcile or cancel.
   *
   * @param before exclusive upper bound of the creation time
   * @param limit at most this many, 1 to {@value PageRequest#MAX_SIZE}
   * @return the payments
   */
  List<Payment> listPendingCreatedBefore(Instant before, int limit);

  /**
   * Finds a payment by the provider's id and locks its row ({@code FOR UPDATE}) until the
   * transaction ends.
   *
   * @param provider gateway id
   * @param externalId provider's payment id
   * @return the locked payment, if any
   */
  Optional<Payment> lockByExternalId(String provider, String externalId);

  /**
   * Finds a payment by the shop's order reference and locks its row until the transaction ends.
   *
   * @param idempotencyKey the shop's key (order reference)
   * @return the locked payment, if any
   */
  Optional<Payment> lockByIdempotencyKey(String idempotencyKey);

  /**
   * Locks an order for crediting in one statement: the payment with that order reference (row
   * locked until the transaction ends), whether another payment of the provider already holds
   * {@code externalId}, its plan's duration, and its user, whose account lock ({@link
   * UserRepository#lockAccounts}) is taken after the row lock, as a refund takes them.
   *
   * @param idempotencyKey the order reference
   * @param provider the gateway's id
   * @param externalId the provider's payment id the event reports
   * @return the locked order, if any
   */
  Optional<LockedPayment> lockForCredit(String idempotencyKey, String provider, String externalId);

  /**
   * {@link WebhookEventRepository#markProcessed} and {@link #lockForCredit} in one statement, for
   * the common delivery of a payment: the delivery is remembered, and only when it is new is the
   * order locked (with its payer's account lock) and read as {@code lockForCredit} does.
   *
   * @param provider the gateway's id
   * @param eventId the provider's delivery (event) id
   * @param idempotencyKey the order reference
   * @param externalId the provider's payment id the event reports
   * @return whether the delivery was new, and the locked order if it exists
   */
  CreditLock recordDeliveryAndLockForCredit(
      String provider, String eventId, String idempotencyKey, String externalId);

  /**
   * Records how many days a payment added to its user's subscription (a refund takes them back).
   *
   * @param id payment id
   * @param days the days, 0 or more
   * @return the updated payment, if any
   */
  Optional<Payment> setCreditedDays(long id, int days);

  /**
   * Whether the user has a paid (or refunded) payment other than the given one: "is this the user's
   * first payment".
   *
   * @param userId store id of the user
   * @param exceptPaymentId the payment not to count
   * @return true when another one exists
   */
  boolean hasOtherPaid(long userId, long exceptPaymentId);

  /**
   * The plan's current price in the currency of the user's last paid payment: what an automatic
   * renewal charges.
   *
   * @param userId store id of the user
   * @param planId the plan
   * @return the price, empty when the user never paid or the plan has no price in that currency
   */
  Optional<Money> lastPaidPlanPrice(long userId, long planId);

  /**
   * Money taken since an instant, per currency, in one query: payments paid at or after {@code
   * since}, net of what was refunded of them.
   *
   * @param since inclusive lower bound of the paid time
   * @return one sum per currency, by currency code
   */
  List<Money> revenueSince(Instant since);

  /**
   * Marks a pending payment cancelled, by the shop's order reference.
   *
   * @param idempotencyKey the order reference
   * @return the cancelled payment when this call changed it from pending; empty otherwise
   */
  Optional<Payment> markCancelled(String idempotencyKey);
}
