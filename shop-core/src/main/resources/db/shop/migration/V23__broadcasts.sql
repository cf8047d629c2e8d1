-- Admin broadcasts of the shop bot and their per-recipient progress, so that a restart in the middle of a
-- broadcast resumes it without sending anyone twice: a recipient is SENDING before the message leaves and
-- SENT/BLOCKED/FAILED after; a resumed broadcast takes only PENDING recipients.
CREATE TABLE shop_broadcasts (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  text         text        NOT NULL,
  button_text  text,
  button_url   text,
  audience     text        NOT NULL,
  status       text        NOT NULL,
  created_by   bigint      NOT NULL,
  recipients   integer     NOT NULL,
  created_at   timestamptz NOT NULL,
  finished_at  timestamptz,
  CONSTRAINT shop_broadcasts_audience_check CHECK (audience IN ('ALL', 'ACTIVE', 'EXPIRED', 'NEVER_PAID')),
  CONSTRAINT shop_broadcasts_status_check CHECK (status IN ('RUNNING', 'DONE', 'CANCELLED')),
  CONSTRAINT shop_broadcasts_text_check CHECK (length(text) BETWEEN 1 AND 4096),
  CONSTRAINT shop_broadcasts_button_check CHECK ((button_text IS NULL) = (button_url IS NULL))
);

CREATE TABLE shop_broadcast_deliveries (
  broadcast_id bigint      NOT NULL,
  telegram_id  bigint      NOT NULL,
  state        text        NOT NULL DEFAULT 'PENDING',
  error        text,
  updated_at   timestamptz NOT NULL,
  CONSTRAINT shop_broadcast_deliveries_pkey PRIMARY KEY (broadcast_id, telegram_id),
  CONSTRAINT shop_broadcast_deliveries_broadcast_id_fkey FOREIGN KEY (broadcast_id)
    REFERENCES shop_broadcasts (id) ON DELETE CASCADE,
  CONSTRAINT shop_broadcast_deliveries_state_check
    CHECK (state IN ('PENDING', 'SENDING', 'SENT', 'BLOCKED', 'FAILED'))
);

-- the resume query: a broadcast's recipients still to send, in order
CREATE INDEX shop_broadcast_deliveries_pending_idx ON shop_broadcast_deliveries (broadcast_id, telegram_id)
  WHERE state = 'PENDING';
