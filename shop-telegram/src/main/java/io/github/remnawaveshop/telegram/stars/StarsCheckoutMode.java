package io.github.remnawaveshop.telegram.stars;

/** How {@link StarsGateway#createCheckout} presents the invoice to the buyer. */
public enum StarsCheckoutMode {
  /**
   * {@code createInvoiceLink}: a {@code https://t.me/$…} link the bot shows as a button (the
   * default). The checkout's {@code paymentUrl} is the link. Works for every buyer, also with
   * {@code recurring} (a Stars subscription of 30 days).
   */
  LINK,
  /**
   * {@code sendInvoice} to the buyer's private chat ({@code CheckoutRequest.customerId()}): the
   * invoice message appears in the chat at once. One-off payments only.
   */
  CHAT
}
