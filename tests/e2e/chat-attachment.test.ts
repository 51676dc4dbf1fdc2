import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { samplePng } from "../fakes/media-samples.ts";
import { fakeModel, openAdminPage, saveScreenshot, waitFor } from "./support/admin-browser.ts";

let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ browser, page } = await openAdminPage());
});

afterAll(async () => {
  await browser?.close();
});

describe("a file sent from the web chat", () => {
  it("shows the picture in the transcript, reaches the model, and shows again in the history", async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), "chat-attachment-"));
    const file = path.join(folder, "whiteboard.png");
    await writeFile(file, samplePng(640, 480));
    const marker = `attachment-${Date.now()}`;
    await fakeModel.script([{ text: `I see a whiteboard (${marker}).` }]);
    await page.goto("/_admin/");
    await page.getByTestId("nav-chat").click();
    // Filling waits for the chat to be ready (its composer enabled) before the file is picked.
    await page.getByTestId("chat-input").fill(`what is on it? ${marker}`);
    await page.getByTestId("chat-attach").setInputFiles(file);
    expect(await page.getByTestId("chat-attached").textContent()).toBe("whiteboard.png");
    await page.getByTestId("chat-send").click();
    const sent = page.locator("[data-testid=chat-message][data-from=you]").last();
    const shown = sent.getByTestId("chat-image");
    await shown.waitFor({ state: "attached" });
    await expect
      .poll(() =>
        shown.evaluate((element) => (element as unknown as { naturalWidth: number }).naturalWidth),
      )
      .toBe(640);
    const reply = page.locator("[data-testid=chat-message][data-from=agent]").last();
    await expect.poll(() => reply.textContent(), { timeout: 20_000 }).toContain(marker);
    const requests = await waitFor(
      () => fakeModel.requests(),
      (list) => list.some((request) => JSON.stringify(request.body).includes(marker)),
      "the model request",
    );
    const request = requests.filter((entry) => JSON.stringify(entry.body).includes(marker)).at(-1);
    const content = JSON.stringify(request?.body.messages.at(-1)?.content);
    expect(content).toContain("-whiteboard-");
    expect(content).toContain("data:image/png;base64,");
    await saveScreenshot(page, "chat-attachment");

    // Opened again, the conversation shows the picture from the person's inbox/.
    await page.reload();
    await page.getByTestId("nav-chat").click();
    const image = page
      .locator("[data-testid=chat-message][data-from=you]")
      .filter({ hasText: marker })
      .getByTestId("chat-image");
    await image.waitFor({ state: "attached" });
    await expect
      .poll(() =>
        image.evaluate((element) => (element as unknown as { naturalWidth: number }).naturalWidth),
      )
      .toBe(640);
  });
});
