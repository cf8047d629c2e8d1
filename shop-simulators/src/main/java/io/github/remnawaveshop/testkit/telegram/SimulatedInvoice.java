package io.github.remnawaveshop.testkit.telegram;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * An invoice the bot created, by {@code sendInvoice} (then it has a chat and message id) or by
 * {@code createInvoiceLink} (then it has a link); hand it to {@link SimulatedUser#pays} to pay it.
 *
 * @param title the {@code title}
 * @param description the {@code description}
 * @param payload the {@code payload} the bot gets back in {@code invoice_payload}
 * @param currency the {@code currency} ({@code XTR} for Stars)
 * @param totalAmount the sum of the {@code prices} amounts
 * @param chatId the chat it was sent to ({@code sendInvoice})
 * @param messageId the invoice message's id ({@code sendInvoice})
 * @param link the {@code https://t.me/$…} link ({@code createInvoiceLink})
 * @param subscriptionPeriod {@code subscription_period} seconds for a Stars subscription
 */
public record SimulatedInvoice(
    String title,
    String description,
    String payload,
    String currency,
    long totalAmount,
    OptionalLong chatId,
    OptionalLong messageId,
    Optional<String> link,
    OptionalInt subscriptionPeriod) {
  /** Checks that no component is null. */
  public SimulatedInvoice {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(chatId, "chatId");
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(link, "link");
    Objects.requireNonNull(subscriptionPeriod, "subscriptionPeriod");
  }
}
