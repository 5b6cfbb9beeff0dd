-- Asking for help by text: one conversation per phone number while it lasts. It holds the
-- language, the question it waits on and the answers so far (JSON), and ends in a case (its
-- row deleted in the same transaction) or expires after a day idle (its row deleted, and the
-- texts the resident sent during it emptied). `last_sid` is the provider's id of the last text
-- it took; `started_at` tells which texts belong to it.
-- Keep this file in step with the other backend's 0012_conversations.sql.

CREATE TABLE conversations (
    phone       TEXT PRIMARY KEY,
    language    TEXT,
    step        TEXT NOT NULL,
    answers     TEXT NOT NULL DEFAULT '{}',
    last_sid    TEXT,
    started_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);
-- What the expiry sweep looks for.
CREATE INDEX conversations_updated ON conversations (updated_at);
-- The texts of one number, for the conversation's transcript and for emptying it.
CREATE INDEX sms_messages_from ON sms_messages (from_number, created_at);
