import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminApi, openAdminPage, saveScreenshot, waitFor } from "./support/admin-browser.ts";

let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ browser, page } = await openAdminPage());
});

afterAll(async () => {
  await browser?.close();
});

describe("the dashboard's Run checks", () => {
  it("runs every check and shows each with its time", async () => {
    await page.goto("/_admin/");
    const panel = page.getByTestId("doctor");
    await panel.getByRole("button", { name: "Run checks" }).click();
    // The checks start a computer and a browser: allow them their own limits.
    await page.getByTestId("doctor-summary").waitFor({ timeout: 55_000 });

    const rows = page.getByTestId("doctor-check");
    const names = await rows.evaluateAll((items) => items.map((item) => item.dataset.check));
    expect(names).toEqual(["r2", "model", "browser", "sandbox", "telegram", "slack", "access"]);
    for (const time of await page.getByTestId("doctor-check-time").allTextContents()) {
      expect(time).toMatch(/^\d+ ms$/);
    }
    const status = (name: string) =>
      page.locator(`[data-testid=doctor-check][data-check=${name}]`).getAttribute("data-status");
    // The e2e stack has R2, the fake model, the local sandbox host and the fake Telegram; Slack
    // is not configured and Access is bypassed for localhost.
    expect(await status("r2")).toBe("ok");
    expect(await status("model")).toBe("ok");
    expect(await status("sandbox")).toBe("ok");
    expect(await status("telegram")).toBe("ok");
    expect(await status("slack")).toBe("skipped");
    expect(await status("access")).toBe("skipped");
    await saveScreenshot(page, "doctor");
  }, 60_000);
});

describe("the user page's cost estimate", () => {
  it("shows today's estimate for a person who talked", async () => {
    const { userId } = await adminApi<{ userId: string }>("/api/chat", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: "hello, what do I cost?" }),
    });
    await waitFor(
      () => adminApi<{ turns: number }>(`/api/users/${encodeURIComponent(userId)}/usage`),
      (usage) => usage.turns >= 1,
      "the chat turn",
    );
    await page.goto(`/_admin/#/users/${encodeURIComponent(userId)}`);
    const total = page.getByTestId("cost-total");
    await total.waitFor();
    expect(await total.textContent()).toMatch(/^\$0\.\d+ for [1-9]\d* turn\(s\)$/);
    await page.getByTestId("cost-estimate").screenshot({
      path: ".artifacts/screenshots/cost-estimate.png",
    });
  });
});
