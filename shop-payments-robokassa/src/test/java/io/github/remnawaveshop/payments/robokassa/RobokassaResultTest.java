package io.github.remnawaveshop.payments.robokassa;

import static io.github.remnawaveshop.payments.robokassa.RobokassaCheckoutTest.P1;
import static io.github.remnawaveshop.payments.robokassa.RobokassaCheckoutTest.P2;
import static io.github.remnawaveshop.payments.robokassa.RobokassaCheckoutTest.TP2;
import static io.github.remnawaveshop.payments.robokassa.RobokassaCheckoutTest.gateway;
import static io.github.remnawaveshop.payments.robokassa.RobokassaCheckoutTest.jdk;
import static io.github.remnawaveshop.payments.robokassa.RobokassaCheckoutTest.md5;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.remnawaveshop.core.payment.Money;
import io.github.remnawaveshop.core.payment.Notification;
import io.github.remnawaveshop.core.payment.PaymentEvent;
import io.github.remnawaveshop.core.payment.PaymentVerificationException;
import io.github.remnawaveshop.core.payment.PaymentVerificationException.Reason;
import io.github.remnawaveshop.core.payment.VerifiedNotification;
import io.github.remnawaveshop.payments.tck.Notifications;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ResultURL verification and SuccessURL handling, with signatures computed here. */
class RobokassaResultTest {
  static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  static Map<String, String> params(String outSum, String invId, String signature, String... shp) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("OutSum", outSum);
    p.put("InvId", invId);
    p.put("SignatureValue", signature);
    for (int i = 0; i < shp.length; i += 2) {
      p.put(shp[i], shp[i + 1]);
    }
    return p;
  }

  @Test
  void resultSignedWithPassword2IsPaidAndAnsweredWithOkInvId() throws Exception {
    String sig = md5("199.000000:1001:" + P2 + ":Shp_order=order-1001").toUpperCase(Locale.ROOT);
    VerifiedNotification v =
        gateway()
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .build()
            .verify(
                Notifications.formPost(
                    params("199.000000", "1001", sig, "Shp_order", "order-1001")));

    PaymentEvent e = v.event().orElseThrow();
    assertThat(e.type()).isEqualTo(PaymentEvent.Type.PAID);
    assertThat(e.amount()).isEqualTo(Money.of(19_900, "RUB"));
    assertThat(e.orderReference()).contains("order-1001");
    assertThat(e.providerEventId()).isEqualTo("1001");
    assertThat(e.externalPaymentId()).isEqualTo("1001");
    assertThat(e.occurredAt()).isEqualTo(NOW);
    assertThat(e.attributes()).containsEntry("inv-id", "1001").containsEntry("test", "false");
    assertThat(v.reply().status()).isEqualTo(200);
    assertThat(v.reply().body()).isEqualTo("OK1001");
  }

  @Test
  void lowerCaseHexAndGetQueryAreAccepted() throws Exception {
    String sig = md5("5.5:12:" + P2 + ":Shp_order=12");
    VerifiedNotification v =
        gateway()
            .build()
            .verify(Notifications.formGet(params("5.5", "12", sig, "Shp_order", "12")));
    assertThat(v.event().orElseThrow().amount()).isEqualTo(Money.of(550, "RUB"));
    assertThat(v.reply().body()).isEqualTo("OK12");
  }

  @Test
  void allShpParametersAreSignedSortedByNameWhateverTheirOrderOnTheWire() throws Exception {
    String sig = md5("10.00:7:" + P2 + ":Shp_a_user=42:Shp_order=o-7:Shp_plan=m1");
    VerifiedNotification v =
        gateway()
            .build()
            .verify(
                Notifications.formPost(
                    params(
                        "10.00",
                        "7",
                        sig,
                        "Shp_plan",
                        "m1",
                        "Shp_order",
                        "o-7",
                        "Shp_a_user",
                        "42")));
    assertThat(v.event().orElseThrow().attributes())
        .containsEntry("shp.plan", "m1")
        .containsEntry("shp.a_user", "42");

    // a Shp_ parameter added on the way is caught
    assertThatThrownBy(
            () ->
                gateway()
                    .build()
                    .verify(
                        Notifications.formPost(
                            params(
                                "10.00",
                                "7",
                                sig,
                                "Shp_plan",
                                "m1",
                                "Shp_order",
                                "o-7",
                                "Shp_a_user",
                                "42",
                                "Shp_zz",
                                "1"))))
        .isInstanceOf(PaymentVerificationException.class)
        .extracting(ex -> ((PaymentVerificationException) ex).reason())
        .isEqualTo(Reason.BAD_SIGNATURE);
  }

  @Test
  void sha256ShopVerifiesSha256() throws Exception {
    String sig = jdk("SHA-256", "199.00:3:" + P2 + ":Shp_order=3").toUpperCase(Locale.ROOT);
    VerifiedNotification v =
        gateway()
            .hashAlgorithm(HashAlgorithm.SHA256)
            .build()
            .verify(Notifications.formPost(params("199.00", "3", sig, "Shp_order", "3")));
    assertThat(v.reply().body()).isEqualTo("OK3");
    // the same notification signed with MD5 does not pass a SHA-256 shop
    String md5 = md5("199.00:3:" + P2 + ":Shp_order=3");
    assertThat(
            reason(
                gateway().hashAlgorithm(HashAlgorithm.SHA256).build(),
                Notifications.formPost(params("199.00", "3", md5, "Shp_order", "3"))))
        .isEqualTo(Reason.BAD_SIGNATURE);
  }

  @Test
  void ripemd160ShopVerifiesRipemd160() {
    // computed with OpenSSL (Python hashlib.new('ripemd160')) over
    // "199.00:4:pw2-Tz71nB8wR:Shp_order=4",
    // not with this plugin's own RIPEMD-160
    String sig = "2B4BCE84366587E0275D4744224829E0FFA0DEDC";
    Notification n = Notifications.formPost(params("199.00", "4", sig, "Shp_order", "4"));
    assertThat(gateway().hashAlgorithm(HashAlgorithm.RIPEMD160).build().verify(n).reply().body())
        .isEqualTo("OK4");
  }

  @Test
  void successRedirectSignedWithPassword1NeverCredits() throws Exception {
    String sig = md5("199.00:1001:" + P1 + ":Shp_order=order-1001");
    Notification redirect =
        Notifications.formGet(
            params("199.00", "1001", sig, "Shp_order", "order-1001", "Culture", "ru"));
    RobokassaGateway g = gateway().build();
    assertThatThrownBy(() -> g.verify(redirect))
        .isInstanceOf(PaymentVerificationException.class)
        .hasMessageContaining("SuccessURL")
        .hasMessageContaining("never credit")
        .extracting(ex -> ((PaymentVerificationException) ex).reason())
        .isEqualTo(Reason.BAD_SIGNATURE);

    SuccessRedirect shown = g.parseSuccessRedirect(redirect);
    assertThat(shown.invId()).isEqualTo("1001");
    assertThat(shown.orderReference()).contains("order-1001");
    assertThat(shown.outSum()).isEqualTo("199.00");
  }

  @Test
  void forgedSuccessRedirectIsRejected() throws Exception {
    String sig = md5("199.00:1001:" + P2 + ":Shp_order=order-1001");
    Notification forged =
        Notifications.formGet(params("199.00", "1001", sig, "Shp_order", "order-1001"));
    assertThatThrownBy(() -> gateway().build().parseSuccessRedirect(forged))
        .isInstanceOf(PaymentVerificationException.class);
    Map<String, String> fail =
        new LinkedHashMap<>(Map.of("OutSum", "199.00", "InvId", "1001", "Culture", "ru"));
    assertThat(reason(gateway().build(), Notifications.formGet(fail)))
        .isEqualTo(Reason.MISSING_SIGNATURE);
  }

  @Test
  void testPaymentNeverCreditsALiveGateway() throws Exception {
    String sig = md5("199.00:8:" + P2 + ":Shp_order=8");
    Map<String, String> p = params("199.00", "8", sig, "Shp_order", "8");
    p.put("IsTest", "1");
    PaymentVerificationException e =
        catchVerification(gateway().build(), Notifications.formPost(p));
    assertThat(e.reason()).isEqualTo(Reason.MALFORMED);
    assertThat(e.getMessage()).contains("IsTest=1");
  }

  @Test
  void testModeVerifiesWithTestPassword2Only() throws Exception {
    String testSig = md5("199.00:8:" + TP2 + ":Shp_order=8");
    Map<String, String> p = params("199.00", "8", testSig, "Shp_order", "8");
    p.put("IsTest", "1");
    VerifiedNotification v = gateway().testMode(true).build().verify(Notifications.formPost(p));
    assertThat(v.event().orElseThrow().attributes()).containsEntry("test", "true");

    String liveSig = md5("199.00:8:" + P2 + ":Shp_order=8");
    assertThat(
            reason(
                gateway().testMode(true).build(),
                Notifications.formPost(params("199.00", "8", liveSig, "Shp_order", "8"))))
        .isEqualTo(Reason.BAD_SIGNATURE);
  }

  @Test
  void malformedAmountsAndInvoiceNumbersAreRejectedAfterTheSignature() throws Exception {
    RobokassaGateway g = gateway().build();
    String badSum = md5("199.001:9:" + P2);
    assertThat(reason(g, Notifications.formPost(params("199.001", "9", badSum))))
        .isEqualTo(Reason.MALFORMED);
    String badInv = md5("199.00:abc:" + P2);
    assertThat(reason(g, Notifications.formPost(params("199.00", "abc", badInv))))
        .isEqualTo(Reason.MALFORMED);
    assertThat(reason(g, Notifications.formPost(Map.of("InvId", "9", "SignatureValue", "AB"))))
        .isEqualTo(Reason.MALFORMED);
    assertThat(reason(g, Notifications.formPost(params("199.00", "9", "not-hex"))))
        .isEqualTo(Reason.BAD_SIGNATURE);
  }

  @Test
  void notificationWithoutShpOrderHasNoOrderReference() throws Exception {
    String sig = md5("199.00:11:" + P2);
    VerifiedNotification v =
        gateway().build().verify(Notifications.formPost(params("199.00", "11", sig)));
    assertThat(v.event().orElseThrow().orderReference()).isEmpty();
  }

  static Reason reason(RobokassaGateway g, Notification n) {
    return catchVerification(g, n).reason();
  }

  static PaymentVerificationException catchVerification(RobokassaGateway g, Notification n) {
    try {
      g.verify(n);
    } catch (PaymentVerificationException e) {
      assertThat(e.getMessage()).doesNotContain(P1).doesNotContain(P2).doesNotContain(TP2);
      return e;
    }
    throw new AssertionError("verify accepted " + n);
  }
}
