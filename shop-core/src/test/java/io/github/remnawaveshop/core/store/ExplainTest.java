package io.github.remnawaveshop.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.remnawaveshop.testkit.ShopServersExtension;
import io.github.remnawaveshop.testkit.TestDatabase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.statement.Query;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Proves on a seeded, analysed data set that each hot query is answered through its index: the
 * statements are the repositories' own, EXPLAINed with bound values; assertions are on plan nodes
 * and index names, never on timings.
 */
@ExtendWith(ShopServersExtension.class)
class ExplainTest {
  private static final int USERS = 20_000;
  private static final Set<String> BIG_TABLES =
      Set.of(
          "shop_users",
          "shop_subscriptions",
          "shop_payments",
          "shop_promo_codes",
          "shop_outbox",
          "shop_promo_activations");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static ShopStore store;
  private static Instant now;

  @BeforeAll
  static void seed(TestDatabase db) {
    store = ShopStore.builder().dataSource(db.dataSource()).build();
    store.migrate();
    now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    List<String> seed =
        List.of(
            "INSERT INTO {s}.shop_plans (code, title, duration_days, created_at, updated_at)"
                + " SELECT 'plan-' || g, 'Plan ' || g, 30 * g, now(), now() FROM generate_series(1, 5) g",
            "INSERT INTO {s}.shop_plan_prices SELECT id, c, 100 * id FROM {s}.shop_plans, unnest(ARRAY['USD', 'RUB', 'XTR']) c",
            "INSERT INTO {s}.shop_users (telegram_id, username, language, panel_user_uuid, referral_code, created_at, updated_at)"
                + " SELECT 1000000 + g, 'user' || g, 'en', md5('panel' || g)::uuid, 'ref' || g, now(), now()"
                + " FROM generate_series(1, "
                + USERS
                + ") g",
            // per user: one expired subscription and one active (cancelled for every tenth user)
            "INSERT INTO {s}.shop_subscriptions (user_id, plan_id, panel_user_uuid, status, starts_at, ends_at, created_at, updated_at)"
                + " SELECT u.id, 1 + u.id % 5, u.panel_user_uuid, 'EXPIRED', now() - interval '90 days', now() - interval '60 days',"
                + " now(), now() FROM {s}.shop_users u",
            "INSERT INTO {s}.shop_subscriptions (user_id, plan_id, panel_user_uuid, status, starts_at, ends_at, created_at, updated_at)"
                + " SELECT u.id, 1 + u.id % 5, u.panel_user_uuid, CASE WHEN u.id % 10 = 0 THEN 'CANCELLED' ELSE 'ACTIVE' END,"
                + " now() - interval '1 day', now() + ((u.id * 7919) % (60 * 86400)) * interval '1 second', now(), now()"
                + " FROM {s}.shop_users u",
            "INSERT INTO {s}.shop_payments (user_id, provider, external_id, idempotency_key, amount_minor, currency, status,"
                + " plan_id, created_at, paid_at) SELECT u.id, CASE WHEN k % 2 = 0 THEN 'stripe' ELSE 'telegram-stars' END,"
                + " 'ext_' || u.id || '_' || k, 'idem_' || u.id || '_' || k, 500, 'USD', 'PAID', 1,"
                + " now() - ((u.id * 31 + k * 977) % 31536000) * interval '1 second',"
                + " now() - ((u.id * 31 + k * 977) % 31536000) * interval '1 second' FROM {s}.shop_users u, generate_series(1, 5) k",
            "INSERT INTO {s}.shop_promo_codes (code, kind, value, active, created_at)"
                + " SELECT 'PROMO' || g, 'BONUS_DAYS', 7, g % 3 = 0, now() FROM generate_series(1, 5000) g",
            "INSERT INTO {s}.shop_promo_activations (promo_code_id, user_id, payment_id, activated_at)"
                + " SELECT 1 + u.id % 5000, u.id, (SELECT min(y.id) FROM {s}.shop_payments y WHERE y.user_id = u.id), now()"
                + " FROM {s}.shop_users u WHERE u.id % 2 = 0",
            "INSERT INTO {s}.shop_outbox (kind, payload, status, available_at, created_at, finished_at)"
                + " SELECT 'panel.extend-user', '{}'::jsonb, CASE WHEN g % 100 = 0 THEN 'PENDING' ELSE 'DONE' END,"
                + " now() - g * interval '1 second', now(), CASE WHEN g % 100 = 0 THEN NULL ELSE now() END"
                + " FROM generate_series(1, 20000) g",
            "ANALYZE");
    store
        .db()
        .with(
            "seed",
            h -> {
              seed.forEach(sql -> h.execute(store.db().sql(sql)));
              return null;
            });
  }

  /** EXPLAINs the statement and returns every plan node. */
  private static List<JsonNode> explain(String template, Map<String, Object> binds) {
    String json =
        store
            .db()
            .with(
                "explain",
                h -> {
                  Query q = h.createQuery("EXPLAIN (FORMAT JSON) " + store.db().sql(template));
                  binds.forEach(q::bind);
                  return q.mapTo(String.class).one();
                });
    try {
      List<JsonNode> nodes = new ArrayList<>();
      collect(JSON.readTree(json).get(0).get("Plan"), nodes);
      return nodes;
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static void collect(JsonNode node, List<JsonNode> into) {
    into.add(node);
    if (node.has("Plans")) {
      node.get("Plans").forEach(child -> collect(child, into));
    }
  }

  private static void assertUsesIndexes(List<JsonNode> plan, String... indexes) {
    List<String> used =
        plan.stream()
            .filter(n -> n.has("Index Name"))
            .map(n -> n.get("Index Name").asText())
            .toList();
    assertThat(used).as("indexes in plan %s", plan.get(0)).contains(indexes);
    assertThat(plan)
        .as("no sequential scan of a big table in %s", plan.get(0))
        .noneMatch(
            n ->
                n.get("Node Type").asText().equals("Seq Scan")
                    && BIG_TABLES.contains(n.path("Relation Name").asText()));
  }

  @Test
  void activeSubscriptionByUser() {
    assertUsesIndexes(
        explain(JdbiSubscriptionRepository.FIND_ACTIVE, Map.of("userId", 1234L)),
        "shop_subscriptions_user_active_key");
  }

  @Test
  void mySubscriptionViewIsOneIndexedQuery() {
    List<JsonNode> plan =
        explain(
            JdbiSubscriptionRepository.VIEW + "WHERE u.telegram_id = :v", Map.of("v", 1_001_234L));
    assertUsesIndexes(
        plan,
        "shop_users_telegram_id_key",
        "shop_subscriptions_user_active_key",
        "shop_plans_pkey");
  }

  @Test
  void paymentByProviderAndExternalId() {
    assertUsesIndexes(
        explain(
            JdbiPaymentRepository.FIND_BY_EXTERNAL_ID,
            Map.of("provider", "stripe", "externalId", "ext_1234_2")),
        "shop_payments_provider_external_id_key");
  }

  @Test
  void promoByCodeIgnoringCase() {
    assertUsesIndexes(
        explain(JdbiPromoCodeRepository.FIND_BY_CODE, Map.of("code", "promo1234")),
        "shop_promo_codes_code_key");
  }

  @Test
  void expiringPageWalksThePartialEndIndexInOrder() {
    List<JsonNode> plan =
        explain(
            JdbiSubscriptionRepository.expiring(true, 1001),
            Map.of("from", Db.ts(now), "to", Db.ts(now.plus(3, ChronoUnit.DAYS))));
    assertUsesIndexes(plan, "shop_subscriptions_ends_at_active_idx");
    // when the window holds more rows than a page, the page is read in index order and stops early
    List<JsonNode> wide =
        explain(
            JdbiSubscriptionRepository.expiring(true, 1001),
            Map.of("from", Db.ts(now), "to", Db.ts(now.plus(30, ChronoUnit.DAYS))));
    assertUsesIndexes(wide, "shop_subscriptions_ends_at_active_idx");
    // a later page adds the (ends_at, id) keyset condition to the index scan
    wide =
        explain(
            JdbiSubscriptionRepository.expiring(false, 1001),
            Map.of(
                "from",
                Db.ts(now),
                "to",
                Db.ts(now.plus(30, ChronoUnit.DAYS)),
                "afterAt",
                Db.ts(now.plus(1, ChronoUnit.DAYS)),
                "afterId",
                0L));
    assertUsesIndexes(wide, "shop_subscriptions_ends_at_active_idx");
    assertThat(wide)
        .as("index order is the page order: no sort")
        .noneMatch(n -> n.get("Node Type").asText().equals("Sort"));
  }

  @Test
  void expiringPageKeepsTheOrderedIndexScanInAGenericPlan() {
    // pgjdbc server-prepares a statement after a few executions; PostgreSQL may then use a generic
    // plan that cannot see the bound values. The page must still be read in index order.
    String sql =
        store
            .db()
            .sql(JdbiSubscriptionRepository.expiring(true, 1001))
            .replace(":from", "$1")
            .replace(":to", "$2");
    String json =
        store
            .db()
            .with(
                "explain generic",
                h -> {
                  h.execute("SET plan_cache_mode = force_generic_plan");
                  h.execute("PREPARE expiring_page(timestamptz, timestamptz) AS " + sql);
                  try {
                    return h.createQuery(
                            "EXPLAIN (FORMAT JSON) EXECUTE expiring_page(now(), now() + interval '3 days')")
                        .mapTo(String.class)
                        .one();
                  } finally {
                    h.execute("DEALLOCATE expiring_page");
                    h.execute("RESET plan_cache_mode");
                  }
                });
    List<JsonNode> plan = new ArrayList<>();
    try {
      collect(JSON.readTree(json).get(0).get("Plan"), plan);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    assertUsesIndexes(plan, "shop_subscriptions_ends_at_active_idx");
    assertThat(plan)
        .as("generic plan reads in index order: no sort")
        .noneMatch(n -> n.get("Node Type").asText().equals("Sort"));
  }

  @Test
  void usersByPanelIdAndUsername() {
    assertUsesIndexes(
        explain(
            JdbiUserRepository.SELECT + "WHERE u.panel_user_uuid = :v",
            Map.of("v", UUID.nameUUIDFromBytes(new byte[] {1}))),
        "shop_users_panel_user_uuid_key");
    assertUsesIndexes(
        explain(JdbiUserRepository.SELECT + "WHERE lower(u.username) = :v", Map.of("v", "user77")),
        "shop_users_username_idx");
  }

  @Test
  void paymentHistoryOfUserAndPaymentsByTime() {
    assertUsesIndexes(
        explain(
            JdbiPaymentRepository.LIST_BY_USER,
            Map.of("userId", 77L, "before", Long.MAX_VALUE, "limit", 21)),
        "shop_payments_user_idx");
    assertUsesIndexes(
        explain(
            JdbiPaymentRepository.listCreatedBetween(false, 101),
            Map.of(
                "from",
                Db.ts(now.minus(2, ChronoUnit.DAYS)),
                "to",
                Db.ts(now.minus(1, ChronoUnit.DAYS)),
                "afterAt",
                Db.ts(Instant.EPOCH),
                "afterId",
                0L)),
        "shop_payments_created_at_idx");
  }

  @Test
  void outboxClaimUsesTheDueIndex() {
    assertUsesIndexes(
        explain(
            JdbiOutboxRepository.CLAIM,
            Map.of("leaseEnd", Db.ts(now.plusSeconds(60)), "now", Db.ts(now), "limit", 50)),
        "shop_outbox_due_idx");
  }

  @Test
  void promoActivationsByUserAndByPayment() {
    assertUsesIndexes(
        explain(
            "SELECT count(*) FROM {s}.shop_promo_activations WHERE user_id = :userId AND promo_code_id = :id",
            Map.of("userId", 78L, "id", 79L)),
        "shop_promo_activations_user_promo_key");
    assertUsesIndexes(
        explain(
            "SELECT "
                + Rows.ACTIVATION
                + " FROM {s}.shop_promo_activations a WHERE a.payment_id = :p",
            Map.of("p", 500L)),
        "shop_promo_activations_payment_idx");
  }
}
