/** Settings the Worker under test runs with; fakes and tests agree on them through this file. */
export const TEST_TELEGRAM_TOKEN = "7000000001:AAFakeTelegramTokenForTests";
export const TEST_WEBHOOK_SECRET = "test-webhook-secret";
export const TEST_ACCESS_AUD = "test-access-aud";
export const TEST_MODEL_NAME = "fake-model";
/** Telegram ids that are approved without pairing. */
export const TEST_ALLOWED_TELEGRAM_IDS = ["111000111", "111000222", "111000333"];
