/** Settings the browser tests' local stack runs with. */
export const E2E_TELEGRAM_TOKEN = "7000000002:AAFakeTelegramTokenForBrowserTests";
export const E2E_WEBHOOK_SECRET = "e2e-webhook-secret";
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** Screenshots of the main pages, for a person to look at (gitignored). */
export const SCREENSHOT_DIR = ".artifacts/screenshots";
