import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  adminApi,
  fakeModel,
  openAdminPage,
  saveScreenshot,
  stack,
  waitFor,
} from "./support/admin-browser.ts";

interface SentMessage {
  userId: string;
  afterSeq: number;
}

let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ browser, page } = await openAdminPage());
});

afterAll(async () => {
  await browser?.close();
});

/** Sends a console message as the operator and waits for its reply. */
async function chatAndWait(text: string): Promise<string> {
  const sent = await adminApi<SentMessage>("/api/chat", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ text }),
  });
  const { replies } = await waitFor(
    () =>
      adminApi<{ replies: Array<{ text: string }> }>(
        `/api/chat/${sent.userId}/replies?after=${sent.afterSeq}`,
      ),
    (answer) => answer.replies.length > 0,
    `the reply to ${text}`,
  );
  return replies[0]?.text ?? "";
}

/** True when nothing on the page is wider than the window (no sideways scrolling). */
function fitsTheWidth(target: Page): Promise<boolean> {
  return target.evaluate<boolean>("document.documentElement.scrollWidth <= window.innerWidth");
}

describe("the dashboard", () => {
  it("gives an overview: today's numbers, model errors, and the last days in a chart", async () => {
    const marker = `overview-${Date.now()}`;
    await fakeModel.script([{ text: `hello ${marker}` }]);
    await chatAndWait(marker);
    // Two failures: the turn's first call and the AI SDK's one retry.
    const failure = { status: 500, message: "upstream exploded" };
    await fakeModel.script([{ error: failure }, { error: failure }]);
    expect(await chatAndWait(`${marker}-fails`)).toContain("could not answer");

    await page.goto("/_admin/");
    const overview = page.getByTestId("overview");
    await overview.getByTestId("tile-messages").waitFor();
    expect(Number(await page.getByTestId("tile-messages-value").textContent())).toBeGreaterThan(1);
    expect(Number(await page.getByTestId("tile-people-value").textContent())).toBeGreaterThan(0);
    expect(Number(await page.getByTestId("tile-model-errors-value").textContent())).toBeGreaterThan(
      0,
    );
    expect(await page.getByTestId("model-error-banner").textContent()).toContain(
      "the model provider answered HTTP 500",
    );
    expect(await page.getByTestId("chart-day").count()).toBe(14);
    expect(await page.locator("link[rel=icon]").getAttribute("href")).toContain("favicon.svg");
    await saveScreenshot(page, "dashboard-overview");
  });

  it("fits a phone's width", async () => {
    const phone = await browser.newContext({
      baseURL: stack().baseUrl,
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    });
    const phonePage = await phone.newPage();
    try {
      await phonePage.goto("/_admin/");
      await phonePage.getByTestId("tile-messages").waitFor();
      await phonePage.getByTestId("config-check").first().waitFor();
      expect(await fitsTheWidth(phonePage)).toBe(true);
      await saveScreenshot(phonePage, "dashboard-phone");

      await phonePage.getByTestId("nav-pairing").click();
      await phonePage.waitForURL(/#\/pairing/);
      expect(await fitsTheWidth(phonePage)).toBe(true);
      await phonePage.getByTestId("nav-chat").click();
      // The operator's earlier messages (from the test above) load into the transcript.
      await phonePage.getByTestId("chat-message").first().waitFor();
      expect(await fitsTheWidth(phonePage)).toBe(true);
      await saveScreenshot(phonePage, "chat-phone");
    } finally {
      await phone.close();
    }
  });
});

describe("the chat page", () => {
  it("opens with the conversation so far, its Markdown rendered", async () => {
    const marker = `earlier-${Date.now()}`;
    await fakeModel.script([
      { text: `**Bold ${marker}** and \`code\`\n\n- one\n- two\n\n<b onclick="x()">raw</b>` },
    ]);
    await chatAndWait(`remember ${marker}`);

    await page.goto("/_admin/#/chat");
    const transcript = page.getByTestId("chat-transcript");
    await expect.poll(() => transcript.textContent()).toContain(`remember ${marker}`);
    const reply = transcript.locator("[data-from=agent]", { hasText: marker }).last();
    expect(await reply.locator("strong").textContent()).toBe(`Bold ${marker}`);
    expect(await reply.locator("code").first().textContent()).toBe("code");
    expect(await reply.locator("li").count()).toBe(2);
    expect(await reply.textContent()).not.toContain("**");
    // HTML in a message is shown as written, never turned into markup.
    expect(await reply.locator("b").count()).toBe(0);
    expect(await reply.textContent()).toContain('<b onclick="x()">raw</b>');
    await saveScreenshot(page, "chat-history");
  });
});
