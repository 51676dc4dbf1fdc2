/** Settings the Worker under test runs with; fakes and tests agree on them through this file. */
export const TEST_TELEGRAM_TOKEN = "7000000001:AAFakeTelegramTokenForTests";
export const TEST_WEBHOOK_SECRET = "test-webhook-secret";
export const TEST_ACCESS_AUD = "test-access-aud";
export const TEST_MODEL_NAME = "fake-model";
/** Offered to people besides the default (`MODELS`), and tried when a model fails (`MODEL_FALLBACKS`). */
export const TEST_PICKABLE_MODEL_NAME = "fake-model-large";
export const TEST_FALLBACK_MODEL_NAME = "fake-model-fallback";
/** Telegram ids approved without pairing: tests take fresh ones so their chats never mix. */
export const TEST_ALLOWED_TELEGRAM_IDS = Array.from({ length: 1000 }, (_, index) =>
  String(500_000_000 + index),
);
/** Shorter than the fake web server's slow page, so the timeout path is what a test sees. */
export const TEST_WEB_TIMEOUT_SECONDS = 3;
export const TEST_SLACK_TOKEN = "xoxb-fake-slack-token-for-tests";
export const TEST_SLACK_SIGNING_SECRET = "test-slack-signing-secret";
/** Slack user ids approved without pairing (any workspace), like the Telegram list. */
export const TEST_ALLOWED_SLACK_USERS = Array.from(
  { length: 1000 },
  (_, index) => `UALLOW${String(index).padStart(4, "0")}`,
);
/** The release the test Sandbox's "old image" runtime reports: a container from before a deploy. */
export const TEST_OLD_RUNTIME_VERSION = "0.0.0-old-image";
