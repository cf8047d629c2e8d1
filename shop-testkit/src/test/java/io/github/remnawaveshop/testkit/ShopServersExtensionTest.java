package io.github.remnawaveshop.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ShopServersExtension.class)
class ShopServersExtensionTest {

  @Test
  void givesEachClassItsOwnEmptyDatabaseOnARealServer(TestDatabase db, TestDatabase again)
      throws Exception {
    assertThat(again).isSameAs(db);
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement()) {
      ResultSet rs =
          s.executeQuery("SELECT current_database(), current_setting('server_version_num')::int");
      rs.next();
      assertThat(rs.getString(1)).isEqualTo(db.name());
      assertThat(rs.getInt(2)).isGreaterThanOrEqualTo(100000);
      ResultSet tables =
          s.executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'");
      tables.next();
      assertThat(tables.getInt(1)).isZero();
    }
  }

  @Test
  void createdDatabasesAreDroppedOnClose(PostgresServer server) throws Exception {
    TestDatabase extra = server.createDatabase();
    try (Connection c = extra.dataSource().getConnection()) {
      assertThat(c.isValid(2)).isTrue();
    }
    extra.close();
    assertThatThrownBy(() -> extra.dataSource().getConnection().close())
        .hasMessageContaining(extra.name());
  }

  @Test
  void redisAnswersOverRespAndPrefixesAreUnique(RedisServer redis, RedisKeyPrefix prefix)
      throws Exception {
    assertThat(prefix.value()).endsWith(":").isNotEqualTo(redis.newKeyPrefix());
    try (Socket socket = new Socket(redis.host(), redis.port())) {
      OutputStream out = socket.getOutputStream();
      out.write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] buf = new byte[7];
      int n = in.readNBytes(buf, 0, 7);
      assertThat(new String(buf, 0, n, StandardCharsets.US_ASCII)).isEqualTo("+PONG\r\n");
    }
  }

  @Test
  void rejectsMalformedEnvironmentUrls() {
    assertThatThrownBy(() -> PostgresServer.external("postgres://x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SHOP_TEST_POSTGRES_URL");
    assertThatThrownBy(() -> RedisServer.external("http://x:1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SHOP_TEST_REDIS_URL");
    assertThat(PostgresServer.redact("jdbc:postgresql://h/db?user=a&password=secret"))
        .doesNotContain("secret");
  }
}
