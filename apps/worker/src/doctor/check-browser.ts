import puppeteer, { type BrowserWorker } from "@cloudflare/puppeteer";
import { z } from "zod";
import { createLocalBrowserEndpoint } from "../browser/local-browser-endpoint";
import { type DoctorCheckDefinition, describeError, failed, ok } from "./doctor-check";

/** What `limits()` answers (Browser Rendering's /v1/limits), checked before it is printed. */
const limitsSchema = z.object({
  activeSessions: z.array(z.unknown()),
  maxConcurrentSessions: z.number(),
  allowedBrowserAcquisitions: z.number(),
  timeUntilNextAllowedBrowserAcquisition: z.number(),
});

/** Browser Rendering (locally the Chromium at BROWSER_CDP_URL): launch, open about:blank, close. */
export const browserCheck: DoctorCheckDefinition = {
  name: "browser",
  timeoutMs: 30_000,
  async run({ env, values, where }) {
    const local = values.BROWSER_CDP_URL;
    const endpoint = local
      ? createLocalBrowserEndpoint(local)
      : (env.BROWSER as unknown as BrowserWorker);
    const fix =
      where === "local"
        ? "Install Chromium (`sudo apt-get install chromium`) and restart `npx -y pnpm@10.34.8 dev`, which starts it (CHROMIUM_PORT, CHROMIUM_PATH to change port or binary)."
        : "Browser Rendering needs the `browser` binding in wrangler.jsonc (it is there) on a Workers Paid plan; if the limit is reached, wait the time shown and run again.";
    if (where === "local" && !local) {
      return failed(
        "BROWSER_CDP_URL is unset: locally the browser tools need a Chromium (Browser Rendering needs an account).",
        fix,
      );
    }
    let limitsNote = "";
    try {
      const limits = limitsSchema.parse(await puppeteer.limits(endpoint));
      limitsNote = local
        ? ""
        : ` Limits: ${limits.activeSessions.length} of ${limits.maxConcurrentSessions} concurrent browsers in use, ${limits.allowedBrowserAcquisitions} launch(es) allowed now.`;
      if (limits.allowedBrowserAcquisitions <= 0) {
        const seconds = Math.ceil(limits.timeUntilNextAllowedBrowserAcquisition / 1000);
        return failed(`No browser launch allowed now; the next in ${seconds} s.${limitsNote}`, fix);
      }
    } catch (error) {
      return failed(`Could not read the browser limits: ${describeError(error)}`, fix);
    }
    try {
      const { sessionId } = await puppeteer.acquire(endpoint);
      const browser = await puppeteer.connect(endpoint, sessionId);
      try {
        const page = await browser.newPage();
        await page.goto("about:blank");
        await page.close();
      } finally {
        // Locally the one Chromium is shared by everyone's tabs: only hang up, never close it.
        if (local) await browser.disconnect();
        else await browser.close();
      }
    } catch (error) {
      return failed(`The browser did not open about:blank: ${describeError(error)}`, fix);
    }
    const what = local ? `the local Chromium at ${local}` : "Browser Rendering";
    return ok(`Launched ${what}, opened about:blank and closed it.${limitsNote}`);
  },
};
