package io.github.remnawaveshop.core.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MoneyTest {

  @Test
  void formatsWithTheCurrencysMinorDigits() {
    assertThat(Money.of(999, "usd").toDecimalString()).isEqualTo("9.99");
    assertThat(Money.of(19900, "RUB").toDecimalString()).isEqualTo("199.00");
    assertThat(Money.of(500, "JPY").toDecimalString()).isEqualTo("500");
    assertThat(Money.of(250, "XTR").toDecimalString()).isEqualTo("250");
    assertThat(Money.of(5, "BHD").toDecimalString()).isEqualTo("0.005");
  }

  @Test
  void parsesProviderAmounts() {
    assertThat(Money.parse("9.99", "USD")).isEqualTo(Money.of(999, "USD"));
    assertThat(Money.parse("199.0", "RUB")).isEqualTo(Money.of(19900, "RUB"));
    assertThat(Money.parse("500", "JPY")).isEqualTo(Money.of(500, "JPY"));
    assertThatThrownBy(() -> Money.parse("1.5", "JPY")).hasMessageContaining("fraction digits");
    assertThatThrownBy(() -> Money.parse("abc", "USD")).hasMessageContaining("not a decimal");
  }

  @Test
  void rejectsBadValues() {
    assertThatThrownBy(() -> Money.of(-1, "USD")).hasMessageContaining("minorUnits");
    assertThatThrownBy(() -> new Money(1, "usd")).hasMessageContaining("currency");
    assertThatThrownBy(() -> Money.of(1, "US")).hasMessageContaining("currency");
  }
}
