package io.github.remnawaveshop.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.remnawaveshop.testkit.ShopServersExtension;
import io.github.remnawaveshop.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ShopServersExtension.class)
class MigrationTest {

  @Test
  void migratingTwiceAppliesOnceAndThenNothing(TestDatabase db) {
    ShopStore store = ShopStore.builder().dataSource(db.dataSource()).schema("twice").build();
    MigrationResult first = store.migrate();
    assertThat(first.initialVersion()).isEmpty();
    assertThat(first.applied()).isNotEmpty().first().asString().startsWith("1 ");
    MigrationResult second = store.migrate();
    assertThat(second.applied()).isEmpty();
    assertThat(second.currentVersion()).isEqualTo(first.currentVersion());
    // a second store object on the same schema sees the same, up-to-date schema
    assertThat(store.toBuilder().build().migrate().applied()).isEmpty();
  }

  @Test
  void coexistsWithTheHostApplicationsTablesAndFlywayHistory(TestDatabase db) throws SQLException {
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA host");
      s.execute(
          "CREATE TABLE host.flyway_schema_history (installed_rank int PRIMARY KEY, version text)");
      s.execute("INSERT INTO host.flyway_schema_history VALUES (1, '7')");
      s.execute("CREATE TABLE host.users (id int PRIMARY KEY)");
    }
    ShopStore store = ShopStore.builder().dataSource(db.dataSource()).schema("host").build();
    MigrationResult result = store.migrate();
    assertThat(result.applied()).anyMatch(m -> m.startsWith("1 "));
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM host.flyway_schema_history")) {
      rs.next();
      assertThat(rs.getInt(1)).as("host history untouched").isEqualTo(1);
    }
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT count(*) FROM host.shop_schema_history WHERE success")) {
      rs.next();
      assertThat(rs.getInt(1)).isGreaterThanOrEqualTo(2); // baseline 0 + V1
    }
    assertThat(store.users().count()).isZero();
    assertThat(store.migrate().applied()).isEmpty();
  }

  @Test
  void builderNamesTheBadSetting() {
    assertThatThrownBy(() -> ShopStore.builder().build()).hasMessageContaining("dataSource");
    assertThatThrownBy(
            () ->
                ShopStore.builder()
                    .dataSource(new org.postgresql.ds.PGSimpleDataSource())
                    .schema("Bad-Schema")
                    .build())
        .hasMessageContaining("schema")
        .hasMessageContaining("Bad-Schema");
    assertThatThrownBy(
            () ->
                ShopStore.builder()
                    .dataSource(new org.postgresql.ds.PGSimpleDataSource())
                    .historyTable("flyway_schema_history")
                    .build())
        .hasMessageContaining("historyTable");
  }

  @Test
  void unreachableDatabaseIsReportedAsUnavailable() {
    org.postgresql.ds.PGSimpleDataSource nowhere = new org.postgresql.ds.PGSimpleDataSource();
    nowhere.setURL("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2");
    ShopStore store = ShopStore.builder().dataSource(nowhere).build();
    assertThatThrownBy(() -> store.users().findById(1))
        .isInstanceOf(StoreUnavailableException.class);
  }
}
