-- when the user blocked the bot (Telegram answered 403 "bot was blocked by the user"); null while the bot may
-- write to them. Reminders and notices skip such users; registering again (/start) clears it.
ALTER TABLE shop_users ADD COLUMN blocked_bot_at timestamptz;
