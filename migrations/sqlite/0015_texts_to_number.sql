-- The texts sent to one number, newest first: what a reply answers (the last follow-up
-- question asked of that number) is looked up by it for every YES, NO or digit texted in, and
-- the partial index on unlinked texts cannot serve it once texts belong to cases.
-- Keep this file in step with the other backend's 0015_texts_to_number.sql.

CREATE INDEX sms_messages_to ON sms_messages (to_number, created_at);
