import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openAdminPage, stack } from "./support/admin-browser.ts";

let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ browser, page } = await openAdminPage());
});

afterAll(async () => {
  await browser?.close();
});

describe("the admin UI under its security headers", () => {
  it("runs every page with no Content-Security-Policy violation", async () => {
    // Scripts as text: this project's types have no DOM.
    await page.addInitScript({
      content: `window.cspViolations = [];
        document.addEventListener("securitypolicyviolation", (event) =>
          window.cspViolations.push(event.violatedDirective + " " + event.blockedURI));`,
    });
    const response = await page.goto("/_admin/");
    expect(response?.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
    await page.getByTestId("header-admin").waitFor();
    for (const name of ["pairing", "users", "audit", "dashboard"]) {
      const link = page.getByTestId(`nav-${name}`);
      if ((await link.count()) > 0) await link.click();
      await page.waitForLoadState("networkidle");
    }
    const violations = await page.evaluate<string[]>("window.cspViolations");
    expect(violations).toEqual([]);
  });

  it("cannot be framed by another page", async () => {
    const framer = await browser.newPage();
    try {
      await framer.setContent(
        `<iframe id="admin" src="${stack().baseUrl}/_admin/" width="800" height="600"></iframe>`,
      );
      const frame = framer.frames().find((candidate) => candidate !== framer.mainFrame());
      // Chromium replaces a refused frame with its error page: the admin UI never renders.
      const rendered = await frame
        ?.evaluate<boolean>('document.querySelector("#root") !== null')
        .catch(() => false);
      expect(rendered ?? false).toBe(false);
    } finally {
      await framer.close();
    }
  });
});
