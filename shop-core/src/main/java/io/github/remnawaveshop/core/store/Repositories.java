package io.github.remnawaveshop.core.store;

/** One set of repositories over one {@link Db}. */
class Repositories implements ShopRepositories {
  private final UserRepository users;
  private final PlanRepository plans;
  private final SubscriptionRepository subscriptions;
  private final PaymentRepository payments;
  private final PromoCodeRepository promoCodes;
  private final ReferralRepository referrals;
  private final OutboxRepository outbox;
  private final WebhookEventRepository webhookEvents;
  private final BroadcastRepository broadcasts;

  Repositories(Db db) {
    this.users = new JdbiUserRepository(db);
    this.plans = new JdbiPlanRepository(db);
    this.subscriptions = new JdbiSubscriptionRepository(db);
    this.payments = new JdbiPaymentRepository(db);
    this.promoCodes = new JdbiPromoCodeRepository(db);
    this.referrals = new JdbiReferralRepository(db);
    this.outbox = new JdbiOutboxRepository(db);
    this.webhookEvents = new JdbiWebhookEventRepository(db);
    this.broadcasts = new JdbiBroadcastRepository(db);
  }

  @Override
  public UserRepository users() {
    return users;
  }

  @Override
  public PlanRepository plans() {
    return plans;
  }

  @Override
  public SubscriptionRepository subscriptions() {
    return subscriptions;
  }

  @Override
  public PaymentRepository payments() {
    return payments;
  }

  @Override
  public PromoCodeRepository promoCodes() {
    return promoCodes;
  }

  @Override
  public ReferralRepository referrals() {
    return referrals;
  }

  @Override
  public OutboxRepository outbox() {
    return outbox;
  }

  @Override
  public WebhookEventRepository webhookEvents() {
    return webhookEvents;
  }

  @Override
  public BroadcastRepository broadcasts() {
    return broadcasts;
  }
}
