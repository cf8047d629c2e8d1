package io.github.remnawaveshop.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DirectQueryTest {
  @Test
  void namesOutsideQuotesBecomePositionalAndCastsAndQuotedTextStay() {
    DirectQuery q =
        DirectQuery.parse(
            "SELECT :a::int, to_char(x, 'HH24:MI:SS \"T\"'), \"col:x\" FROM \"public\".t"
                + " WHERE y = :b_2 OR z = :a");
    assertThat(q.positional())
        .isEqualTo(
            "SELECT ?::int, to_char(x, 'HH24:MI:SS \"T\"'), \"col:x\" FROM \"public\".t"
                + " WHERE y = ? OR z = ?");
    assertThat(q.names()).containsExactly("a", "b_2", "a");
  }

  @Test
  void theStoresPaymentStatementsParseToAsManyPlaceholdersAsNames() {
    for (String sql :
        new String[] {
          JdbiSubscriptionRepository.CREDIT_PLAN_CTES, JdbiOutboxRepository.INSERT_FROM
        }) {
      DirectQuery q = DirectQuery.parse(sql);
      assertThat(q.positional()).doesNotContain(":now").doesNotContain(":days");
      assertThat(q.positional().chars().filter(c -> c == '?').count()).isEqualTo(q.names().size());
    }
  }

  @Test
  void anUnterminatedQuoteIsRefused() {
    assertThatThrownBy(() -> DirectQuery.parse("SELECT 'x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unterminated quote");
  }
}
