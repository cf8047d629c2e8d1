package io.github.remnawaveshop.core.subscription.internal;

import io.github.remnawaveshop.core.payment.Checkout;
import io.github.remnawaveshop.core.payment.CheckoutRequest;
import io.github.remnawaveshop.core.payment.Money;
import io.github.remnawaveshop.core.payment.PaymentGateway;
import io.github.remnawaveshop.core.payment.RoutingRequest;
import io.github.remnawaveshop.core.subscription.NotFoundException;
import io.github.remnawaveshop.core.subscription.Order;
import io.github.remnawaveshop.core.subscription.Plan;
import io.github.remnawaveshop.core.subscription.Purchase;
import io.github.remnawaveshop.core.subscription.PurchaseException;
import io.github.remnawaveshop.core.subscription.PurchaseRequest;
import io.github.remnawaveshop.core.subscription.Quote;
import io.github.remnawaveshop.core.subscription.ShopUser;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Catalog, quotes and purchases. Thread-safe. */
public final class Purchases {
  private final EngineContext ctx;

  /** Creates the purchases part. */
  public Purchases(EngineContext ctx) {
    this.ctx = ctx;
  }

  /** Active plans in display order, read from the database. */
  public List<Plan> loadCatalog() {
    return ctx.jdbi().withHandle(h -> Sql.plans(h, "p.active", Map.of()));
  }

  private static Plan requirePlan(Handle h, String code) {
    return Sql.plans(h, "p.active AND p.code = :code", Map.of("code", code)).stream().findFirst()
        .orElseThrow(() -> new NotFoundException("no active plan '" + code + "'"));
  }

  /** Prices a plan for a user with an optional promo code (checked, not used). */
  public Quote quote(long telegramId, String planCode, String currency, Optional<String> promoCode) {
    return ctx.jdbi().withHandle(h -> quote(h, Accounts.requireUser(h, telegramId), planCode, currency, promoCode)
        .quote);
  }

  private record Priced(Quote quote, Optional<Long> promoId, int bonusDays) {}

  private Priced quote(Handle h, ShopUser user, String planCode, String currency, Optional<String> promoCode) {
    Plan plan = requirePlan(h, planCode);
    String cur = currency.toUpperCase(Locale.ROOT);
    Money list = plan.price(cur).orElseThrow(
        () -> new NotFoundException("plan '" + planCode + "' is not sold in " + cur + "; prices: " + plan.prices().keySet()));
    if (promoCode.isEmpty() || promoCode.get().isBlank()) {
      return new Priced(new Quote(plan, list, list, plan.durationDays(), Optional.empty()), Optional.empty(), 0);
    }
    Promos.PromoRow promo = Promos.check(h, promoCode.get(), user.id(), ctx.now());
    if (promo.bonusDays()) {
      return new Priced(new Quote(plan, list, list, plan.durationDays() + promo.value(), Optional.of(promo.code())),
          Optional.of(promo.id()), promo.value());
    }
    long discounted = BigDecimal.valueOf(list.minorUnits()).multiply(BigDecimal.valueOf(100L - promo.value()))
        .divide(BigDecimal.valueOf(100), 0, RoundingMode.HALF_UP).longValueExact();
    if (discounted == 0) {
      throw new PurchaseException("promo code '" + promo.code() + "' makes the plan free; free purchases need a "
          + "bonus-days code instead");
    }
    return new Priced(new Quote(plan, list, new Money(discounted, cur), plan.durationDays(), Optional.of(promo.code())),
        Optional.of(promo.id()), 0);
  }

  /** Records a pending order, then asks the chosen gateway for a checkout. */
  public Purchase purchase(PurchaseRequest request) {
    record Prepared(Order order, ShopUser user, Quote quote, PaymentGateway gateway) {}
    Prepared p = ctx.jdbi().inTransaction(h -> {
      Instant now = ctx.now();
      ShopUser user = Accounts.requireUser(h, request.telegramId());
      Priced priced = quote(h, user, request.planCode(), request.currency(), request.promoCode());
      Quote q = priced.quote;
      RoutingRequest routing = new RoutingRequest(q.price(), user.language(), request.country(), request.gatewayId());
      PaymentGateway gateway = ctx.router().select(routing).orElseThrow(() -> new PurchaseException(
          "no payment gateway can take " + q.price() + (request.gatewayId().map(g -> " (asked for '" + g + "')")
              .orElse(""))));
      String reference = ctx.orderIds().get();
      long id = h.createQuery("INSERT INTO shop_payments (user_id, provider, idempotency_key, amount_minor, currency, "
              + "status, plan_id, promo_code_id, created_at) VALUES (:u, :p, :k, :a, :c, 'PENDING', :plan, :promo, :now) "
              + "RETURNING id")
          .bind("u", user.id()).bind("p", gateway.id()).bind("k", reference).bind("a", q.price().minorUnits())
          .bind("c", q.price().currency()).bind("plan", q.plan().id()).bind("promo", priced.promoId.orElse(null))
          .bind("now", Sql.ts(now)).mapTo(Long.class).one();
      Order order = new Order(id, reference, user.id(), q.plan().code(), gateway.id(), q.price(), q.promoCode(),
          priced.bonusDays);
      return new Prepared(order, user, q, gateway);
    });
    try {
      CheckoutRequest.Builder checkout = CheckoutRequest.builder()
          .orderReference(p.order.reference())
          .amount(p.order.amount())
          .description(p.quote.plan().title() + ", " + p.quote.days() + " days")
          .customerId(p.user.telegramId())
          .locale(Locale.forLanguageTag(p.user.language()))
          .idempotencyKey(p.order.reference())
          .recurring(request.recurring())
          .metadata(Map.of("plan", p.quote.plan().code()));
      request.returnUrl().ifPresent(checkout::returnUrl);
      Checkout made = p.gateway.createCheckout(checkout.build());
      return new Purchase(p.order, made);
    } catch (RuntimeException e) {
      ctx.jdbi().useTransaction(h -> h.createUpdate("UPDATE shop_payments SET status = 'CANCELLED' "
          + "WHERE id = :id AND status = 'PENDING'").bind("id", p.order.paymentId()).execute());
      throw new PurchaseException("gateway '" + p.gateway.id() + "' could not create a checkout for order "
          + p.order.reference() + ": " + e.getMessage(), e);
    }
  }
}
