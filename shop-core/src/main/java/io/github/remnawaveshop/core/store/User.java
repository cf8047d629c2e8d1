package io.github.remnawaveshop.core.store;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A shop customer: one Telegram account.
 *
 * @param id the store's id
 * @param telegramId the Telegram user id
 * @param username the Telegram username without {@code @}, when the user has one
 * @param language IETF language tag the bot talks in, e.g. {@code en} or {@code ru}
 * @param panelUserUuid the Remnawave panel user serving this customer, once provisioned
 * @param referralCode the code others join with ({@code /start <code>})
 * @param referredBy the store id of the user who invited this one
 * @param banned whether the shop refuses to serve this user
 * @param createdAt when the user first appeared
 * @param updatedAt when the row last changed
 * @param panelUserId the panel's own id of the user serving this customer ({@code PanelUser.id()}:
 *     a number on panel 3.x, a UUID on 2.x), once provisioned
 * @param blockedBotAt when the user blocked the bot, while they have; reminders and notices skip
 *     them
 */
public record User(
    long id,
    long telegramId,
    Optional<String> username,
    String language,
    Optional<UUID> panelUserUuid,
    String referralCode,
    Optional<Long> referredBy,
    boolean banned,
    Instant createdAt,
    Instant updatedAt,
    Optional<String> panelUserId,
    Optional<Instant> blockedBotAt) {}
