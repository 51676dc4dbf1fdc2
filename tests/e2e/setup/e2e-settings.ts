/** Settings the browser tests' local stack runs with. */
export const E2E_TELEGRAM_TOKEN = "7000000002:AAFakeTelegramTokenForBrowserTests";
export const E2E_WEBHOOK_SECRET = "e2e-webhook-secret";
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** Flags for a headless Chromium that reaches nothing but the local stack. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
/** Screenshots of the main pages, for a person to look at (gitignored). */
export const SCREENSHOT_DIR = ".artifacts/screenshots";
