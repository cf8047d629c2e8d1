-- Partial refunds: how much of a payment was given back so far, and a status for "some of it".
ALTER TABLE shop_payments ADD COLUMN refunded_minor bigint NOT NULL DEFAULT 0;
UPDATE shop_payments SET refunded_minor = amount_minor WHERE status = 'REFUNDED';
ALTER TABLE shop_payments ADD CONSTRAINT shop_payments_refunded_minor_check
  CHECK (refunded_minor >= 0 AND refunded_minor <= amount_minor);

ALTER TABLE shop_payments DROP CONSTRAINT shop_payments_status_check;
ALTER TABLE shop_payments ADD CONSTRAINT shop_payments_status_check
  CHECK (status IN ('PENDING', 'PAID', 'FAILED', 'CANCELLED', 'PARTIALLY_REFUNDED', 'REFUNDED'));

-- a paid (or later, partly or fully, refunded) payment has its external id and payment time
ALTER TABLE shop_payments DROP CONSTRAINT shop_payments_paid_check;
ALTER TABLE shop_payments ADD CONSTRAINT shop_payments_paid_check
  CHECK ((status IN ('PAID', 'PARTIALLY_REFUNDED', 'REFUNDED')) = (paid_at IS NOT NULL)
         AND (status NOT IN ('PAID', 'PARTIALLY_REFUNDED', 'REFUNDED') OR external_id IS NOT NULL));
