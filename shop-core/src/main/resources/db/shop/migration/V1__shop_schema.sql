-- Remnawave Shop SDK store, version 1.
-- Every table is prefixed with shop_ so the schema can be shared with the host application.
-- Flyway runs this with search_path set to the store's schema; statements stay unqualified.
-- Money is always minor units (bigint) plus an ISO-4217-shaped code (three capital letters, so
-- Telegram Stars' XTR fits). Names of constraints are stable API: the store maps them to errors.

CREATE TABLE shop_users (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  telegram_id      bigint      NOT NULL,
  username         text,
  language         text        NOT NULL,
  panel_user_uuid  uuid,
  referral_code    text        NOT NULL,
  referred_by      bigint,
  banned           boolean     NOT NULL DEFAULT false,
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  CONSTRAINT shop_users_telegram_id_key UNIQUE (telegram_id),
  CONSTRAINT shop_users_referral_code_key UNIQUE (referral_code),
  CONSTRAINT shop_users_referred_by_fkey FOREIGN KEY (referred_by) REFERENCES shop_users (id),
  CONSTRAINT shop_users_telegram_id_check CHECK (telegram_id > 0),
  CONSTRAINT shop_users_username_check CHECK (username IS NULL OR length(username) BETWEEN 1 AND 64),
  CONSTRAINT shop_users_language_check CHECK (language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'),
  CONSTRAINT shop_users_referral_code_check CHECK (referral_code ~ '^[A-Za-z0-9_-]{4,32}$'),
  CONSTRAINT shop_users_referred_by_check CHECK (referred_by IS NULL OR referred_by <> id),
  CONSTRAINT shop_users_times_check CHECK (updated_at >= created_at)
);
-- one shop user per panel user; also the lookup index for panel webhooks
CREATE UNIQUE INDEX shop_users_panel_user_uuid_key ON shop_users (panel_user_uuid)
  WHERE panel_user_uuid IS NOT NULL;
-- Telegram usernames are case-insensitive: admins search "@Name" as "name"
CREATE INDEX shop_users_username_idx ON shop_users (lower(username)) WHERE username IS NOT NULL;
-- who did this user invite (referral statistics); also serves the self-referencing foreign key
CREATE INDEX shop_users_referred_by_idx ON shop_users (referred_by) WHERE referred_by IS NOT NULL;

CREATE TABLE shop_plans (
  id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code                   text        NOT NULL,
  title                  text        NOT NULL,
  duration_days          integer     NOT NULL,
  traffic_limit_bytes    bigint      NOT NULL DEFAULT 0,
  traffic_reset_strategy text        NOT NULL DEFAULT 'NO_RESET',
  device_limit           integer     NOT NULL DEFAULT 0,
  internal_squads        uuid[]      NOT NULL DEFAULT '{}',
  active                 boolean     NOT NULL DEFAULT true,
  sort_order             integer     NOT NULL DEFAULT 0,
  created_at             timestamptz NOT NULL,
  updated_at             timestamptz NOT NULL,
  CONSTRAINT shop_plans_code_key UNIQUE (code),
  CONSTRAINT shop_plans_code_check CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$'),
  CONSTRAINT shop_plans_title_check CHECK (length(title) BETWEEN 1 AND 200),
  CONSTRAINT shop_plans_duration_days_check CHECK (duration_days BETWEEN 1 AND 36600),
  CONSTRAINT shop_plans_traffic_limit_bytes_check CHECK (traffic_limit_bytes >= 0),
  CONSTRAINT shop_plans_traffic_reset_strategy_check
    CHECK (traffic_reset_strategy IN ('NO_RESET', 'DAY', 'WEEK', 'MONTH', 'MONTH_ROLLING')),
  CONSTRAINT shop_plans_device_limit_check CHECK (device_limit >= 0)
);
-- the catalog: active plans in display order
CREATE INDEX shop_plans_active_idx ON shop_plans (sort_order, id) WHERE active;

-- one row per (plan, currency): the primary key forbids two prices in one currency, the checks
-- hold for each price, and the foreign key keeps prices from outliving their plan
CREATE TABLE shop_plan_prices (
  plan_id      bigint NOT NULL,
  currency     text   NOT NULL,
  amount_minor bigint NOT NULL,
  CONSTRAINT shop_plan_prices_pkey PRIMARY KEY (plan_id, currency),
  CONSTRAINT shop_plan_prices_plan_id_fkey FOREIGN KEY (plan_id) REFERENCES shop_plans (id) ON DELETE CASCADE,
  CONSTRAINT shop_plan_prices_currency_check CHECK (currency ~ '^[A-Z]{3}$'),
  CONSTRAINT shop_plan_prices_amount_minor_check CHECK (amount_minor >= 0)
);

CREATE TABLE shop_subscriptions (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id          bigint      NOT NULL,
  plan_id          bigint,
  panel_user_uuid  uuid,
  status           text        NOT NULL,
  starts_at        timestamptz NOT NULL,
  ends_at          timestamptz NOT NULL,
  trial            boolean     NOT NULL DEFAULT false,
  auto_renew       boolean     NOT NULL DEFAULT false,
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  CONSTRAINT shop_subscriptions_user_id_fkey FOREIGN KEY (user_id) REFERENCES shop_users (id),
  CONSTRAINT shop_subscriptions_plan_id_fkey FOREIGN KEY (plan_id) REFERENCES shop_plans (id),
  CONSTRAINT shop_subscriptions_status_check
    CHECK (status IN ('PENDING', 'ACTIVE', 'EXPIRED', 'CANCELLED')),
  CONSTRAINT shop_subscriptions_period_check CHECK (ends_at >= starts_at)
);
-- at most one ACTIVE subscription per user; the same index answers "active subscription of user"
-- (replaces the seed's (user_id, is_active) composite and its "primary subscription" index)
CREATE UNIQUE INDEX shop_subscriptions_user_active_key ON shop_subscriptions (user_id)
  WHERE status = 'ACTIVE';
-- a user's history (all statuses), newest first; also serves the foreign key to shop_users
CREATE INDEX shop_subscriptions_user_idx ON shop_subscriptions (user_id, id);
CREATE INDEX shop_subscriptions_panel_user_uuid_idx ON shop_subscriptions (panel_user_uuid)
  WHERE panel_user_uuid IS NOT NULL;
-- expiry reminders, renewals and the expiry sweep walk active subscriptions by end date
CREATE INDEX shop_subscriptions_ends_at_active_idx ON shop_subscriptions (ends_at, id)
  WHERE status = 'ACTIVE';

CREATE TABLE shop_promo_codes (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code              text        NOT NULL,
  kind              text        NOT NULL,
  value             integer     NOT NULL,
  max_activations   integer,
  per_user_limit    integer     NOT NULL DEFAULT 1,
  activations_count integer     NOT NULL DEFAULT 0,
  valid_until       timestamptz,
  active            boolean     NOT NULL DEFAULT true,
  created_at        timestamptz NOT NULL,
  CONSTRAINT shop_promo_codes_code_check CHECK (code ~ '^[A-Za-z0-9_-]{1,64}$'),
  CONSTRAINT shop_promo_codes_kind_check CHECK (kind IN ('BONUS_DAYS', 'PERCENT_DISCOUNT')),
  CONSTRAINT shop_promo_codes_value_check
    CHECK (value > 0 AND (kind <> 'PERCENT_DISCOUNT' OR value <= 100) AND (kind <> 'BONUS_DAYS' OR value <= 36600)),
  CONSTRAINT shop_promo_codes_max_activations_check CHECK (max_activations IS NULL OR max_activations > 0),
  CONSTRAINT shop_promo_codes_per_user_limit_check CHECK (per_user_limit > 0),
  CONSTRAINT shop_promo_codes_activations_count_check
    CHECK (activations_count >= 0 AND (max_activations IS NULL OR activations_count <= max_activations))
);
-- codes are unique ignoring case; the lookup by code uses this index
CREATE UNIQUE INDEX shop_promo_codes_code_key ON shop_promo_codes (lower(code));
-- the admin list of active codes, newest first (keyset on id)
CREATE INDEX shop_promo_codes_active_idx ON shop_promo_codes (id) WHERE active;

CREATE TABLE shop_payments (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id          bigint      NOT NULL,
  provider         text        NOT NULL,
  external_id      text,
  idempotency_key  text        NOT NULL,
  amount_minor     bigint      NOT NULL,
  currency         text        NOT NULL,
  status           text        NOT NULL,
  plan_id          bigint,
  promo_code_id    bigint,
  created_at       timestamptz NOT NULL,
  paid_at          timestamptz,
  refunded_at      timestamptz,
  CONSTRAINT shop_payments_provider_external_id_key UNIQUE (provider, external_id),
  CONSTRAINT shop_payments_idempotency_key_key UNIQUE (idempotency_key),
  CONSTRAINT shop_payments_user_id_fkey FOREIGN KEY (user_id) REFERENCES shop_users (id),
  CONSTRAINT shop_payments_plan_id_fkey FOREIGN KEY (plan_id) REFERENCES shop_plans (id),
  CONSTRAINT shop_payments_promo_code_id_fkey FOREIGN KEY (promo_code_id) REFERENCES shop_promo_codes (id),
  CONSTRAINT shop_payments_provider_check CHECK (provider ~ '^[a-z0-9][a-z0-9_.-]{0,31}$'),
  CONSTRAINT shop_payments_external_id_check CHECK (external_id IS NULL OR length(external_id) BETWEEN 1 AND 255),
  CONSTRAINT shop_payments_idempotency_key_check CHECK (length(idempotency_key) BETWEEN 1 AND 255),
  CONSTRAINT shop_payments_amount_minor_check CHECK (amount_minor >= 0),
  CONSTRAINT shop_payments_currency_check CHECK (currency ~ '^[A-Z]{3}$'),
  CONSTRAINT shop_payments_status_check
    CHECK (status IN ('PENDING', 'PAID', 'FAILED', 'CANCELLED', 'REFUNDED')),
  -- a paid (or later refunded) payment has its external id and payment time, nothing else has a payment time
  CONSTRAINT shop_payments_paid_check
    CHECK ((status IN ('PAID', 'REFUNDED')) = (paid_at IS NOT NULL)
           AND (status NOT IN ('PAID', 'REFUNDED') OR external_id IS NOT NULL)),
  CONSTRAINT shop_payments_refunded_check CHECK ((status = 'REFUNDED') = (refunded_at IS NOT NULL)),
  CONSTRAINT shop_payments_times_check
    CHECK ((paid_at IS NULL OR paid_at >= created_at) AND (refunded_at IS NULL OR refunded_at >= paid_at))
);
-- a user's payment history, newest first (keyset on id); also serves the foreign key
CREATE INDEX shop_payments_user_idx ON shop_payments (user_id, id);
-- admin lists and reports by creation time
CREATE INDEX shop_payments_created_at_idx ON shop_payments (created_at, id);
-- reconciliation of checkouts that never completed
CREATE INDEX shop_payments_pending_idx ON shop_payments (created_at) WHERE status = 'PENDING';

CREATE TABLE shop_promo_activations (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  promo_code_id  bigint      NOT NULL,
  user_id        bigint      NOT NULL,
  activation_no  integer     NOT NULL DEFAULT 1,
  payment_id     bigint,
  activated_at   timestamptz NOT NULL,
  -- with the default per-user limit of 1 this is "one activation per code and user"; a code allowing
  -- n uses per user numbers them 1..n, and two racing activations cannot take the same number
  CONSTRAINT shop_promo_activations_user_promo_key UNIQUE (user_id, promo_code_id, activation_no),
  CONSTRAINT shop_promo_activations_promo_code_id_fkey FOREIGN KEY (promo_code_id) REFERENCES shop_promo_codes (id),
  CONSTRAINT shop_promo_activations_user_id_fkey FOREIGN KEY (user_id) REFERENCES shop_users (id),
  CONSTRAINT shop_promo_activations_payment_id_fkey FOREIGN KEY (payment_id) REFERENCES shop_payments (id),
  CONSTRAINT shop_promo_activations_activation_no_check CHECK (activation_no >= 1)
);
CREATE INDEX shop_promo_activations_payment_idx ON shop_promo_activations (payment_id)
  WHERE payment_id IS NOT NULL;
-- who used this code (admin) and the foreign key to shop_promo_codes
CREATE INDEX shop_promo_activations_promo_idx ON shop_promo_activations (promo_code_id, id);

CREATE TABLE shop_referral_rewards (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  referrer_id  bigint      NOT NULL,
  referred_id  bigint      NOT NULL,
  payment_id   bigint,
  bonus_days   integer     NOT NULL,
  created_at   timestamptz NOT NULL,
  CONSTRAINT shop_referral_rewards_referrer_id_fkey FOREIGN KEY (referrer_id) REFERENCES shop_users (id),
  CONSTRAINT shop_referral_rewards_referred_id_fkey FOREIGN KEY (referred_id) REFERENCES shop_users (id),
  CONSTRAINT shop_referral_rewards_payment_id_fkey FOREIGN KEY (payment_id) REFERENCES shop_payments (id),
  CONSTRAINT shop_referral_rewards_self_check CHECK (referrer_id <> referred_id),
  CONSTRAINT shop_referral_rewards_bonus_days_check CHECK (bonus_days BETWEEN 1 AND 36600)
);
-- a payment rewards a referrer once; a reward without a payment (e.g. for joining) once per pair
CREATE UNIQUE INDEX shop_referral_rewards_payment_key ON shop_referral_rewards (payment_id, referrer_id)
  WHERE payment_id IS NOT NULL;
CREATE UNIQUE INDEX shop_referral_rewards_join_key ON shop_referral_rewards (referrer_id, referred_id)
  WHERE payment_id IS NULL;
CREATE INDEX shop_referral_rewards_referrer_idx ON shop_referral_rewards (referrer_id, id);
CREATE INDEX shop_referral_rewards_referred_idx ON shop_referral_rewards (referred_id);

CREATE TABLE shop_webhook_events (
  provider     text        NOT NULL,
  event_id     text        NOT NULL,
  received_at  timestamptz NOT NULL,
  CONSTRAINT shop_webhook_events_pkey PRIMARY KEY (provider, event_id),
  CONSTRAINT shop_webhook_events_provider_check CHECK (provider ~ '^[a-z0-9][a-z0-9_.-]{0,31}$'),
  CONSTRAINT shop_webhook_events_event_id_check CHECK (length(event_id) BETWEEN 1 AND 255)
);
-- pruning of old events
CREATE INDEX shop_webhook_events_received_at_idx ON shop_webhook_events (received_at);

CREATE TABLE shop_outbox (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind          text        NOT NULL,
  dedupe_key    text,
  payload       jsonb       NOT NULL,
  status        text        NOT NULL DEFAULT 'PENDING',
  attempts      integer     NOT NULL DEFAULT 0,
  available_at  timestamptz NOT NULL,
  last_error    text,
  created_at    timestamptz NOT NULL,
  finished_at   timestamptz,
  CONSTRAINT shop_outbox_dedupe_key_key UNIQUE (dedupe_key),
  CONSTRAINT shop_outbox_kind_check CHECK (kind ~ '^[A-Za-z0-9_.:-]{1,64}$'),
  CONSTRAINT shop_outbox_dedupe_key_check CHECK (dedupe_key IS NULL OR length(dedupe_key) BETWEEN 1 AND 255),
  CONSTRAINT shop_outbox_status_check CHECK (status IN ('PENDING', 'DONE', 'DEAD')),
  CONSTRAINT shop_outbox_attempts_check CHECK (attempts >= 0),
  CONSTRAINT shop_outbox_finished_check CHECK ((status = 'PENDING') = (finished_at IS NULL)),
  CONSTRAINT shop_outbox_last_error_check CHECK (last_error IS NULL OR length(last_error) <= 2000)
);
-- workers claim due jobs in order; finished jobs drop out of the index
CREATE INDEX shop_outbox_due_idx ON shop_outbox (available_at, id) WHERE status = 'PENDING';
