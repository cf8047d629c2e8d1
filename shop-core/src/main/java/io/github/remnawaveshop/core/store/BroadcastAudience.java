package io.github.remnawaveshop.core.store;

/** Who a broadcast goes to. Banned users and users who blocked the bot are never included. */
public enum BroadcastAudience {
  /** Every user. */
  ALL,
  /** Users with a subscription active now. */
  ACTIVE,
  /** Users who had a subscription and have none active now. */
  EXPIRED,
  /** Users without any paid payment. */
  NEVER_PAID
}
