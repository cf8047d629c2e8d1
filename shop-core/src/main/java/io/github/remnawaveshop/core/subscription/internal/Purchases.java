package io.github.remnawaveshop.core.subscription.internal;

import io.github.remnawaveshop.core.payment.Checkout;
import io.github.remnawaveshop.core.payment.CheckoutRequest;
import io.github.remnawaveshop.core.payment.Money;
import io.github.remnawaveshop.core.payment.PaymentGateway;
import io.github.remnawaveshop.core.payment.RoutingRequest;
import io.github.remnawaveshop.core.store.DuplicateKeyException;
import io.github.remnawaveshop.core.store.NewPayment;
import io.github.remnawaveshop.core.store.Payment;
import io.github.remnawaveshop.core.store.PaymentStatus;
import io.github.remnawaveshop.core.store.PromoCode;
import io.github.remnawaveshop.core.store.ShopRepositories;
import io.github.remnawaveshop.core.store.User;
import io.github.remnawaveshop.core.subscription.NotFoundException;
import io.github.remnawaveshop.core.subscription.Order;
import io.github.remnawaveshop.core.subscription.Plan;
import io.github.remnawaveshop.core.subscription.PromoCodeRejectedException;
import io.github.remnawaveshop.core.subscription.Purchase;
import io.github.remnawaveshop.core.subscription.PurchaseException;
import io.github.remnawaveshop.core.subscription.PurchaseRequest;
import io.github.remnawaveshop.core.subscription.Quote;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Catalog, quotes and purchases. Thread-safe. */
public final class Purchases {
  private final EngineContext ctx;

  /** Creates the purchases part. */
  public Purchases(EngineContext ctx) {
    this.ctx = ctx;
  }

  /** Active plans in display order, read from the database. */
  public List<Plan> loadCatalog() {
    return ctx.store().plans().listActive().stream().map(Views::plan).toList();
  }

  private static Plan requirePlan(ShopRepositories repos, String code) {
    return repos
        .plans()
        .findByCode(code)
        .filter(io.github.remnawaveshop.core.store.Plan::active)
        .map(Views::plan)
        .orElseThrow(() -> new NotFoundException("no active plan '" + code + "'"));
  }

  /** Prices a plan for a user with an optional promo code (checked, not used). */
  public Quote quote(
      long telegramId, String planCode, String currency, Optional<String> promoCode) {
    ShopRepositories repos = ctx.store();
    return quote(repos, Accounts.requireUser(repos, telegramId), planCode, currency, promoCode)
        .quote;
  }

  private record Priced(Quote quote, Optional<Long> promoId, int bonusDays) {}

  private Priced quote(
      ShopRepositories repos,
      User user,
      String planCode,
      String currency,
      Optional<String> promoCode) {
    Plan plan = requirePlan(repos, planCode);
    String cur = currency.toUpperCase(Locale.ROOT);
    Money list =
        plan.price(cur)
            .orElseThrow(
                () ->
                    new NotFoundException(
                        "plan '"
                            + planCode
                            + "' is not sold in "
                            + cur
                            + "; prices: "
                            + plan.prices().keySet()));
    if (promoCode.isEmpty() || promoCode.get().isBlank()) {
      return new Priced(
          new Quote(plan, list, list, plan.durationDays(), Optional.empty()), Optional.empty(), 0);
    }
    PromoCode promo = Promos.check(repos, promoCode.get(), user.id(), ctx.now());
    if (Promos.bonusDays(promo)) {
      return new Priced(
          new Quote(
              plan, list, list, plan.durationDays() + promo.value(), Optional.of(promo.code())),
          Optional.of(promo.id()),
          promo.value());
    }
    long discounted =
        BigDecimal.valueOf(list.minorUnits())
            .multiply(BigDecimal.valueOf(100L - promo.value()))
            .divide(BigDecimal.valueOf(100), 0, RoundingMode.HALF_UP)
            .longValueExact();
    if (discounted == 0) {
      throw new PurchaseException(
          "promo code '"
              + promo.code()
              + "' makes the plan free; free purchases need a "
              + "bonus-days code instead");
    }
    return new Priced(
        new Quote(
            plan, list, new Money(discounted, cur), plan.durationDays(), Optional.of(promo.code())),
        Optional.of(promo.id()),
        0);
  }

  private record Prepared(Order order, User user, String title, int days, PaymentGateway gateway) {}

  /**
   * Records a pending order, then asks the chosen gateway for a checkout. With an idempotency key
   * the order reference is derived from the buyer and the key, so a repeat finds the same pending
   * order and asks the gateway again with the same reference and idempotency key (providers answer
   * a repeated key with the same checkout).
   */
  public Purchase purchase(PurchaseRequest request) {
    Optional<String> keyed =
        request.idempotencyKey().map(k -> keyedReference(request.telegramId(), k));
    if (keyed.isPresent()) {
      Optional<Prepared> again = repeat(request, keyed.get());
      if (again.isPresent()) {
        return checkout(again.get(), request);
      }
    }
    Prepared p;
    try {
      p = prepare(request, keyed.orElseGet(ctx.orderIds()));
    } catch (DuplicateKeyException e) {
      if (keyed.isEmpty()) {
        throw e;
      }
      // the same key at the same moment from another thread or instance: use its order
      p = repeat(request, keyed.get()).orElseThrow(() -> e);
    }
    return checkout(p, request);
  }

  /**
   * The order reference of a keyed purchase: the same buyer and key always give the same reference.
   */
  static String keyedReference(long telegramId, String key) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest((telegramId + ":" + key).getBytes(StandardCharsets.UTF_8));
      return "ord_k_" + HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private Optional<Prepared> repeat(PurchaseRequest request, String reference) {
    Optional<Payment> existing = ctx.store().payments().findByIdempotencyKey(reference);
    if (existing.isEmpty()) {
      return Optional.empty();
    }
    Payment order = existing.get();
    if (order.status() != PaymentStatus.PENDING) {
      throw new PurchaseException(
          "the purchase with this idempotency key is already "
              + order.status()
              + " (order "
              + reference
              + "); start a new purchase with a new key");
    }
    User user = ctx.store().users().findById(order.userId()).orElseThrow();
    io.github.remnawaveshop.core.store.Plan plan =
        ctx.store().plans().findById(order.planId().orElseThrow()).orElseThrow();
    Optional<PromoCode> promo =
        order.promoCodeId().flatMap(id -> ctx.store().promoCodes().findById(id));
    int bonus = promo.filter(Promos::bonusDays).map(PromoCode::value).orElse(0);
    PaymentGateway gateway =
        ctx.gateways()
            .get(order.provider())
            .orElseThrow(
                () ->
                    new PurchaseException(
                        "gateway '"
                            + order.provider()
                            + "' of order "
                            + reference
                            + " is not configured"));
    return Optional.of(
        new Prepared(
            new Order(
                order.id(),
                reference,
                user.id(),
                plan.code(),
                gateway.id(),
                order.amount(),
                promo.map(PromoCode::code),
                bonus),
            user,
            plan.title(),
            plan.durationDays() + bonus,
            gateway));
  }

  private Prepared prepare(PurchaseRequest request, String reference) {
    return ctx.store()
        .inTransaction(
            tx -> {
              User user = Accounts.requireUser(tx, request.telegramId());
              Accounts.requireNotBanned(user, "purchase");
              Priced priced =
                  quote(tx, user, request.planCode(), request.currency(), request.promoCode());
              Quote q = priced.quote;
              RoutingRequest routing =
                  new RoutingRequest(
                      q.price(), user.language(), request.country(), request.gatewayId());
              PaymentGateway gateway =
                  ctx.router()
                      .select(routing)
                      .orElseThrow(
                          () ->
                              new PurchaseException(
                                  "no payment gateway can take "
                                      + q.price()
                                      + (request
                                          .gatewayId()
                                          .map(g -> " (asked for '" + g + "')")
                                          .orElse(""))));
              NewPayment.Builder payment =
                  NewPayment.builder()
                      .userId(user.id())
                      .provider(gateway.id())
                      .idempotencyKey(reference)
                      .amount(q.price())
                      .planId(q.plan().id());
              priced.promoId.ifPresent(payment::promoCodeId);
              Payment created = tx.payments().create(payment.build());
              if (priced.promoId.isPresent()) {
                // the activation is reserved with the order, so the code's limits hold for orders,
                // not only for credits;
                // it is released when the order fails, is cancelled or expires
                Optional<PromoCodeRejectedException.Reason> refused =
                    Promos.activate(tx, priced.promoId.get(), user.id(), Optional.of(created.id()));
                if (refused.isPresent()) {
                  throw new PromoCodeRejectedException(
                      refused.get(),
                      "promo code '"
                          + q.promoCode().orElse("?")
                          + "' cannot be used: "
                          + refused.get().name().toLowerCase(Locale.ROOT));
                }
              }
              Order order =
                  new Order(
                      created.id(),
                      reference,
                      user.id(),
                      q.plan().code(),
                      gateway.id(),
                      q.price(),
                      q.promoCode(),
                      priced.bonusDays);
              return new Prepared(order, user, q.plan().title(), q.days(), gateway);
            });
  }

  private Purchase checkout(Prepared p, PurchaseRequest request) {
    try {
      CheckoutRequest.Builder checkout =
          CheckoutRequest.builder()
              .orderReference(p.order.reference())
              .amount(p.order.amount())
              .description(p.title + ", " + p.days + " days")
              .customerId(p.user.telegramId())
              .locale(Locale.forLanguageTag(p.user.language()))
              .idempotencyKey(p.order.reference())
              .recurring(request.recurring())
              .metadata(Map.of("plan", p.order.planCode()));
      request.returnUrl().ifPresent(checkout::returnUrl);
      Checkout made = p.gateway.createCheckout(checkout.build());
      return new Purchase(p.order, made);
    } catch (RuntimeException e) {
      ctx.store()
          .inTransaction(
              tx -> {
                boolean cancelled = tx.payments().markCancelled(p.order.paymentId()).isPresent();
                if (cancelled) {
                  tx.promoCodes().releaseActivations(p.order.paymentId());
                }
                return cancelled;
              });
      throw new PurchaseException(
          "gateway '"
              + p.gateway.id()
              + "' could not create a checkout for order "
              + p.order.reference()
              + ": "
              + e.getMessage(),
          e);
    }
  }
}
