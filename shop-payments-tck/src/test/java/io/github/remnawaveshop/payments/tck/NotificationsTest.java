package io.github.remnawaveshop.payments.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.remnawaveshop.core.payment.Money;
import io.github.remnawaveshop.core.payment.Notification;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotificationsTest {

  @Test
  void flipLastCharKeepsTheAlphabetButChangesTheValue() {
    assertThat(Notifications.flipLastChar("ab09")).isEqualTo("ab00");
    assertThat(Notifications.flipLastChar("ab00")).isEqualTo("ab01");
    assertThat(Notifications.flipLastChar("AB0F")).isEqualTo("AB0A");
    assertThat(Notifications.flipLastChar("ab0a")).isEqualTo("ab0b");
    assertThat(Notifications.flipLastChar("q8Zx==")).isEqualTo("a8Zx==");
    // the padded-base64 case that motivated flipping the first character: QQ== and QR== decode
    // alike
    assertThat(java.util.Base64.getDecoder().decode(Notifications.flipLastChar("QQ==")))
        .isNotEqualTo(java.util.Base64.getDecoder().decode("QQ=="));
    assertThatThrownBy(() -> Notifications.flipLastChar(""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void headerAndBodyCopiesLeaveTheOriginalAlone() {
    Notification original =
        Notification.post(
            Map.of("X-Sig", "abc", "Content-Type", "application/json"), "{}".getBytes());
    Notification changed = Notifications.withHeader(original, "x-sig", "def");
    assertThat(changed.header("X-Sig")).contains("def");
    assertThat(original.header("X-Sig")).contains("abc");
    assertThat(Notifications.withoutHeader(original, "X-SIG").header("X-Sig")).isEmpty();
    assertThat(Notifications.withBody(original, "{\"a\":1}").bodyAsString()).isEqualTo("{\"a\":1}");
    assertThat(Notifications.withBody(original, "x").header("Content-Type"))
        .contains("application/json");
  }

  @Test
  void formHelpersEncodeInOrder() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("b", "1 2");
    params.put("a", "ы&=");
    assertThat(Notifications.formEncode(params)).isEqualTo("b=1+2&a=%D1%8B%26%3D");
    assertThat(Notifications.formPost(params).formParameters()).containsExactlyEntriesOf(params);
    Notification get = Notifications.formGet(params);
    assertThat(get.method()).isEqualTo("GET");
    assertThat(get.formParameters()).containsExactlyEntriesOf(params);
  }

  @Test
  void tckPaymentPrefillsACheckoutRequest() {
    TckPayment p = new TckPayment("tck-order-7", Money.of(999, "USD"), 7, Instant.EPOCH);
    var request = p.checkoutRequestBuilder().build();
    assertThat(request.orderReference()).isEqualTo("tck-order-7");
    assertThat(request.amount()).isEqualTo(Money.of(999, "USD"));
    assertThat(request.idempotencyKey())
        .isEqualTo(p.idempotencyKey())
        .isEqualTo("tck-checkout-tck-order-7");
    assertThat(request.returnUrl()).isPresent();
    assertThatThrownBy(() -> new TckPayment("x", Money.of(1, "USD"), 0, Instant.EPOCH))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
