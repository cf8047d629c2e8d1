package io.github.remnawaveshop.payments.robokassa;

import io.github.remnawaveshop.core.payment.GatewayResources;
import io.github.remnawaveshop.core.payment.Secret;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * The checked configuration of one {@link RobokassaGateway}: what {@link RobokassaGateway.Builder}
 * collected, validated here so the gateway class holds only the Robokassa protocol. Immutable;
 * package-private (the public way in is {@code RobokassaGateway.builder()…build()}, settings are
 * read by {@link RobokassaGatewayProvider}).
 *
 * @param password1 the password #1 in use (the test one in test mode)
 * @param password2 the password #2 in use (the test one in test mode)
 * @param http the client given (or shared through resources); empty when the gateway builds and
 *     owns its own
 */
record RobokassaConfig(
    String merchantLogin,
    Secret password1,
    Secret password2,
    boolean testMode,
    HashAlgorithm hashAlgorithm,
    URI payPage,
    Optional<String> culture,
    Optional<ReceiptTemplate> receipt,
    Clock clock,
    Optional<Secret> password3,
    HttpUrl opStateUrl,
    HttpUrl refundUrl,
    Optional<OkHttpClient> http) {

  /** The values as the builder collects them, with Robokassa's defaults; not thread-safe. */
  static final class Draft {
    String merchantLogin;
    Secret password1;
    Secret password2;
    Secret testPassword1;
    Secret testPassword2;
    boolean testMode;
    HashAlgorithm hashAlgorithm = HashAlgorithm.MD5;
    URI payPage = RobokassaGateway.DEFAULT_PAY_PAGE;
    String culture;
    boolean receipt;
    String receiptTaxSystem;
    String receiptTax = "none";
    String receiptPaymentMethod = "full_payment";
    String receiptPaymentObject = "service";
    Clock clock;
    Secret password3;
    URI opStateUrl = RobokassaGateway.DEFAULT_OP_STATE_URL;
    URI refundUrl = RobokassaGateway.DEFAULT_REFUND_URL;
    OkHttpClient http;
    GatewayResources resources;

    /**
     * Checks every value.
     *
     * @throws IllegalStateException when a required value is missing
     * @throws IllegalArgumentException naming a bad value
     */
    RobokassaConfig validate() {
      if (merchantLogin == null || merchantLogin.isBlank()) {
        throw new IllegalStateException("merchantLogin is required");
      }
      if (merchantLogin.contains(":")) {
        throw new IllegalArgumentException(
            "merchantLogin must not contain ':'; was '" + merchantLogin + "'");
      }
      if (testMode
          ? testPassword1 == null || testPassword2 == null
          : password1 == null || password2 == null) {
        throw new IllegalStateException(
            testMode
                ? "test mode needs testPassword1 and testPassword2"
                : "password1 and password2 are required");
      }
      if (culture != null && !culture.equals("ru") && !culture.equals("en")) {
        throw new IllegalArgumentException("culture must be ru or en; was '" + culture + "'");
      }
      if (!payPage.isAbsolute()
          || !("https".equals(payPage.getScheme()) || "http".equals(payPage.getScheme()))) {
        throw new IllegalArgumentException(
            "payPage must be an absolute http(s) URL; was '" + payPage + "'");
      }
      for (URI u : new URI[] {opStateUrl, refundUrl}) {
        if (HttpUrl.parse(u.toString()) == null) {
          throw new IllegalArgumentException(
              "opStateUrl and refundUrl must be http(s) URLs; was '" + u + "'");
        }
      }
      for (String[] s :
          new String[][] {
            {"receiptTax", receiptTax},
            {"receiptPaymentMethod", receiptPaymentMethod},
            {"receiptPaymentObject", receiptPaymentObject}
          }) {
        if (s[1].isBlank()) {
          throw new IllegalArgumentException(s[0] + " must not be blank");
        }
      }
      Optional<ReceiptTemplate> template =
          receipt
              ? Optional.of(
                  new ReceiptTemplate(
                      Optional.ofNullable(receiptTaxSystem),
                      receiptTax,
                      receiptPaymentMethod,
                      receiptPaymentObject))
              : Optional.empty();
      return new RobokassaConfig(
          merchantLogin,
          testMode ? testPassword1 : password1,
          testMode ? testPassword2 : password2,
          testMode,
          hashAlgorithm,
          payPage,
          Optional.ofNullable(culture),
          template,
          clock != null ? clock : resources != null ? resources.clock() : Clock.systemUTC(),
          Optional.ofNullable(password3),
          HttpUrl.get(opStateUrl.toString()),
          HttpUrl.get(refundUrl.toString()),
          Optional.ofNullable(http)
              .or(() -> Optional.ofNullable(resources).map(GatewayResources::httpClient)));
    }
  }
}
