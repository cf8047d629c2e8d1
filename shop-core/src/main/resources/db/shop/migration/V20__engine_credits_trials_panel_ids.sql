-- Subscription engine additions (additive only; V1 belongs to the store).

-- how many days a payment added to its user's subscription, so a refund can take exactly those back
ALTER TABLE shop_payments ADD COLUMN credited_days integer;
ALTER TABLE shop_payments ADD CONSTRAINT shop_payments_credited_days_check
  CHECK (credited_days IS NULL OR credited_days >= 0);

-- the panel's own id of the user (3.x ids are numbers, 2.x ids are UUIDs: kept as text)
ALTER TABLE shop_users ADD COLUMN panel_user_id text;
ALTER TABLE shop_users ADD CONSTRAINT shop_users_panel_user_id_check
  CHECK (panel_user_id IS NULL OR length(panel_user_id) BETWEEN 1 AND 64);

-- a trial is granted once per user: the primary key makes the second grant a no-op, race-free
CREATE TABLE shop_trial_grants (
  user_id     bigint      NOT NULL,
  granted_at  timestamptz NOT NULL,
  days        integer     NOT NULL,
  CONSTRAINT shop_trial_grants_pkey PRIMARY KEY (user_id),
  CONSTRAINT shop_trial_grants_user_id_fkey FOREIGN KEY (user_id) REFERENCES shop_users (id),
  CONSTRAINT shop_trial_grants_days_check CHECK (days BETWEEN 1 AND 36600)
);

-- automatic renewal: the gateway and the provider's subscription (or saved method) reference
ALTER TABLE shop_subscriptions ADD COLUMN renewal_provider text;
ALTER TABLE shop_subscriptions ADD COLUMN renewal_reference text;
ALTER TABLE shop_subscriptions ADD CONSTRAINT shop_subscriptions_renewal_reference_check
  CHECK (renewal_reference IS NULL OR length(renewal_reference) BETWEEN 1 AND 255);
