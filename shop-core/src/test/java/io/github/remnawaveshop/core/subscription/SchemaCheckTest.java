package io.github.remnawaveshop.core.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.remnawaveshop.core.panel.RemnawavePanel;
import io.github.remnawaveshop.core.payment.Secret;
import io.github.remnawaveshop.core.store.ShopStore;
import io.github.remnawaveshop.core.store.StoreException;
import io.github.remnawaveshop.testkit.ShopServersExtension;
import io.github.remnawaveshop.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 17 item 7: an engine over a store whose schema does not hold the shop tables used to build
 * and start, then fail at the first call with "the shop database failed" (reported as unavailable).
 * Now {@code start()} checks the tables and says which schema it looked in, the connection's
 * currentSchema and where the tables are.
 */
@ExtendWith(ShopServersExtension.class)
class SchemaCheckTest {
  @Test
  void anEngineOverTheWrongSchemaRefusesToStartAndNamesTheSchemas(TestDatabase db)
      throws Exception {
    try (EngineFixture f = new EngineFixture(db, 2)) { // migrates schema public
      ShopStore wrong = ShopStore.builder().dataSource(f.pool).schema("shop_elsewhere").build();
      SubscriptionEngine engine =
          SubscriptionEngine.builder().store(wrong).panel(f.panel).clock(f.clock).build();
      assertThatThrownBy(engine::start)
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("not in schema 'shop_elsewhere'")
          .hasMessageContaining("currentSchema=public")
          .hasMessageContaining("shop tables found in schema(s) public");
      engine.close();

      try (SubscriptionEngine right = f.engine()) {
        right.start(); // the tables are there: starts
      }
    }
  }

  @Test
  void anEngineOverAnUnmigratedDatabaseSaysToMigrate(TestDatabase db) {
    try (RemnawavePanel panel =
        RemnawavePanel.builder().baseUrl("http://127.0.0.1:9/").apiToken(Secret.of("t")).build()) {
      SubscriptionEngine engine =
          SubscriptionEngine.builder().dataSource(db.dataSource()).panel(panel).build();
      assertThatThrownBy(engine::start)
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("not in schema 'public'")
          .hasMessageContaining("run ShopStore.migrate() first");
      engine.close();
      assertThat(engine.name()).isEqualTo("subscription-engine");
    }
  }
}
