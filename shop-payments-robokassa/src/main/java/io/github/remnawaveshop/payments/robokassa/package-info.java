/**
 * The Robokassa payment gateway plugin: {@link
 * io.github.remnawaveshop.payments.robokassa.RobokassaGateway} (signed pay-page URLs, ResultURL
 * verification answered with {@code OK<InvId>}), created from settings by {@link
 * io.github.remnawaveshop.payments.robokassa.RobokassaGatewayProvider}, which {@link
 * java.util.ServiceLoader} finds when this jar is on the class path. See {@code
 * docs/payments/robokassa.md}.
 */
package io.github.remnawaveshop.payments.robokassa;
