import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  adminApi,
  fakeModel,
  openAdminPage,
  saveScreenshot,
  sendTelegramText,
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

/** A second person, paired through Telegram and approved, to switch to in the chat. */
async function pairedPerson(): Promise<string> {
  const personId = 870_000_000 + Math.floor(Math.random() * 1_000_000);
  expect((await sendTelegramText(personId, "hello")).outcome).toBe("pairing");
  const { requests } = await adminApi<{ requests: Array<{ code: string; identity: string }> }>(
    "/api/pairing",
  );
  const request = requests.find((entry) => entry.identity === `telegram:${personId}`);
  if (!request) throw new Error(`no pairing request for telegram:${personId}`);
  const { userId } = await adminApi<{ userId: string }>(`/api/pairing/${request.code}/approve`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{}",
  });
  return userId;
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
    // The configuration's model row says the model is set up, but its last call failed.
    const modelCheck = page.locator("[data-testid=config-check][data-check=model]");
    await expect.poll(() => modelCheck.getAttribute("data-ok")).toBe("false");
    expect(await modelCheck.textContent()).toContain("the last call failed");
    expect(await modelCheck.textContent()).toContain("the model provider answered HTTP 500");
    expect(await page.locator("link[rel=icon]").getAttribute("href")).toContain("favicon.svg");
    await saveScreenshot(page, "dashboard-overview");

    // Once a call succeeds again, the model row is back to OK.
    await fakeModel.script([{ text: `recovered ${marker}` }]);
    await chatAndWait(`${marker}-recovers`);
    await page.reload();
    await expect.poll(() => modelCheck.getAttribute("data-ok")).toBe("true");
    expect(await modelCheck.textContent()).not.toContain("failed");
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
      // Every page's link is whole on screen: nothing cut off, nothing to scroll sideways to.
      const navLinks = phonePage.getByRole("navigation", { name: "Pages" }).getByRole("link");
      expect(await navLinks.count()).toBe(5);
      for (const link of await navLinks.all()) {
        const box = await link.boundingBox();
        expect(box, (await link.textContent()) ?? "").not.toBeNull();
        expect(box?.x ?? -1).toBeGreaterThanOrEqual(0);
        expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(390);
        expect(await link.isVisible()).toBe(true);
      }
      // The chart's day labels are drawn at a readable size, not shrunk with the chart.
      // Today's is whole, not cut off at the chart's edge.
      const label = phonePage.locator(".chart-label").last();
      const labelBox = await label.boundingBox();
      const chartBox = await phonePage.getByTestId("activity-chart").locator("svg").boundingBox();
      expect(labelBox?.height ?? 0).toBeGreaterThanOrEqual(11);
      expect((labelBox?.x ?? 0) + (labelBox?.width ?? 0)).toBeLessThanOrEqual(
        (chartBox?.x ?? 0) + (chartBox?.width ?? 0) + 0.5,
      );
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

  it("shows each message once after switching to another agent and back", async () => {
    const other = await pairedPerson();
    const marker = `switch-${Date.now()}`;
    await fakeModel.script([{ text: `answer ${marker}` }]);
    await page.goto("/_admin/#/chat");
    await page.reload(); // so the chat lists the person just approved
    const transcript = page.getByTestId("chat-transcript");
    await expect
      .poll(() => page.locator(`[data-testid=chat-user-select] option[value="${other}"]`).count())
      .toBe(1);
    await page.getByTestId("chat-input").fill(`ask ${marker}`);
    await page.getByTestId("chat-send").click();
    const mine = transcript.locator("[data-testid=chat-message]", { hasText: `ask ${marker}` });
    const answers = transcript.locator("[data-testid=chat-message]", {
      hasText: `answer ${marker}`,
    });
    await answers.first().waitFor();
    await page.getByTestId("chat-working").waitFor({ state: "detached" });

    await page.getByTestId("chat-user-select").selectOption(other);
    await expect.poll(() => mine.count()).toBe(0);
    const historyLoaded = page.waitForResponse(
      (response) =>
        response.url().includes("/conversations/history") &&
        !response.url().includes(other) &&
        response.ok(),
    );
    await page.getByTestId("chat-user-select").selectOption("");
    await historyLoaded;
    await answers.first().waitFor();
    // Two frames: whatever the loaded history changes is on screen.
    await page.evaluate(
      "new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))",
    );
    expect(await mine.count()).toBe(1);
    expect(await answers.count()).toBe(1);
    await saveScreenshot(page, "chat-after-switch");
  });
});
