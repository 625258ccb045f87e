-- A reply address can expire (DingTalk's sessionWebhookExpiredTime); past it, nothing is posted.
ALTER TABLE agent_run ADD COLUMN reply_to_expires_at TIMESTAMP WITH TIME ZONE;
