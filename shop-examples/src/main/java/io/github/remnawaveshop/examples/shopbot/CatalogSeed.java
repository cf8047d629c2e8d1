package io.github.remnawaveshop.examples.shopbot;

import io.github.remnawaveshop.core.payment.Money;
import io.github.remnawaveshop.core.store.DuplicateKeyException;
import io.github.remnawaveshop.core.store.NewPlan;
import io.github.remnawaveshop.core.store.NewPromoCode;
import io.github.remnawaveshop.core.store.ShopStore;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo catalog, created on first start and left alone afterwards (a plan or promo code that
 * exists by code is never touched, so admins' edits survive restarts): three plans priced in RUB,
 * USD and Telegram Stars, and two promo codes — {@value #BONUS_CODE} (+7 days) and {@value
 * #PERCENT_CODE} (20 % off).
 */
final class CatalogSeed {
  /** A promo code of 7 bonus days. */
  static final String BONUS_CODE = "WELCOME";

  /** A promo code of 20 % off a purchase. */
  static final String PERCENT_CODE = "SAVE20";

  private static final Logger log = LoggerFactory.getLogger(CatalogSeed.class);
  private static final long GIB = 1024L * 1024 * 1024;

  private CatalogSeed() {}

  /** Creates what is missing; returns how many rows were created. */
  static int seed(ShopStore store) {
    int created = 0;
    List<NewPlan> plans =
        List.of(
            NewPlan.builder()
                .code("month")
                .title("VPN · 1 month")
                .durationDays(30)
                .trafficLimitBytes(100 * GIB)
                .deviceLimit(3)
                .price(Money.of(19900, "RUB"))
                .price(Money.of(299, "USD"))
                .price(Money.of(150, "XTR"))
                .sortOrder(1)
                .build(),
            NewPlan.builder()
                .code("quarter")
                .title("VPN · 3 months")
                .durationDays(90)
                .trafficLimitBytes(300 * GIB)
                .deviceLimit(3)
                .price(Money.of(49900, "RUB"))
                .price(Money.of(799, "USD"))
                .price(Money.of(400, "XTR"))
                .sortOrder(2)
                .build(),
            NewPlan.builder()
                .code("year")
                .title("VPN · 1 year, unlimited")
                .durationDays(365)
                .trafficLimitBytes(0)
                .deviceLimit(5)
                .price(Money.of(149000, "RUB"))
                .price(Money.of(2499, "USD"))
                .price(Money.of(1200, "XTR"))
                .sortOrder(3)
                .build());
    for (NewPlan plan : plans) {
      if (store.plans().findByCode(plan.code()).isEmpty()) {
        try {
          store.plans().create(plan);
          created++;
        } catch (DuplicateKeyException e) {
          // another instance seeded it at the same moment
        }
      }
    }
    List<NewPromoCode> codes =
        List.of(
            NewPromoCode.builder().code(BONUS_CODE).bonusDays(7).maxActivations(1000).build(),
            NewPromoCode.builder()
                .code(PERCENT_CODE)
                .percentDiscount(20)
                .maxActivations(1000)
                .build());
    for (NewPromoCode code : codes) {
      if (store.promoCodes().findByCode(code.code()).isEmpty()) {
        try {
          store.promoCodes().create(code);
          created++;
        } catch (DuplicateKeyException e) {
          // another instance seeded it at the same moment
        }
      }
    }
    if (created > 0) {
      log.info(
          "Demo catalog seeded: {} plans and promo codes created ({} = +7 days, {} = 20% off)",
          created, BONUS_CODE, PERCENT_CODE);
    }
    return created;
  }
}
