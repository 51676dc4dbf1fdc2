import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  adminApi,
  fakeModel,
  fakeTelegram,
  openAdminPage,
  saveScreenshot,
  sendTelegramText,
  stack,
  waitFor,
} from "./support/admin-browser.ts";

// One operator's session through the admin UI, in order: each step builds on the one before.
let browser: Browser;
let page: Page;
const stranger = 880_000_000 + Math.floor(Math.random() * 1_000_000);
let strangerUserId = "";

beforeAll(async () => {
  ({ browser, page } = await openAdminPage());
});

afterAll(async () => {
  await browser?.close();
});

describe("the admin UI in Chromium", () => {
  it("dashboard reports the configuration, the webhook and the dev-mode identity", async () => {
    await page.goto("/_admin/");
    const check = (name: string) => page.locator(`[data-testid=config-check][data-check=${name}]`);
    await expect.poll(() => check("telegram").getAttribute("data-ok")).toBe("true");
    expect(await check("model").getAttribute("data-ok")).toBe("true");
    // Locally Access is not needed, and what is missing is fixed in .dev.vars, not with wrangler.
    expect(await check("access").getAttribute("data-ok")).toBe("true");
    expect(await check("slack").getAttribute("data-ok")).toBe("false");
    expect(await check("slack").getByTestId("fix-hint").textContent()).toContain(".dev.vars");
    expect(await check("slack").getByTestId("fix-command").allTextContents()).toContain(
      "SLACK_BOT_TOKEN=",
    );
    await page.getByTestId("dev-mode-banner").waitFor();
    expect(await page.getByTestId("header-admin").textContent()).toBe("dev@localhost");
    expect(await page.getByTestId("webhook-pending").textContent()).toBe("0");
    await saveScreenshot(page, "dashboard");
  });

  it("approves a stranger's pairing request", async () => {
    const delivery = await sendTelegramText(stranger, "hello, may I talk to you?");
    expect(delivery.outcome).toBe("pairing");
    await page.getByTestId("nav-pairing").click();
    const row = page.locator(`[data-testid=pairing-row]`, { hasText: `telegram:${stranger}` });
    await row.waitFor();
    expect(await row.getAttribute("data-status")).toBe("pending");
    await saveScreenshot(page, "pairing");

    await row.getByTestId("pairing-approve").click();
    const notice = page.getByTestId("pairing-notice");
    await notice.waitFor();
    const text = (await notice.textContent()) ?? "";
    expect(text).toContain(`Approved telegram:${stranger}`);
    strangerUserId = /as user (\S+)\./.exec(text)?.[1] ?? "";
    expect(strangerUserId).not.toBe("");
    await row.waitFor({ state: "detached" });
    const sent = await waitFor(
      () => fakeTelegram.sentTo(stranger),
      (calls) => calls.some((call) => String(call.params.text).includes("approved")),
      "the approval notice",
    );
    expect(sent.length).toBeGreaterThanOrEqual(2); // the pairing code, then the approval
  });

  it("lists the new user and edits their MEMORY.md", async () => {
    await page.getByTestId("nav-users").click();
    const userRow = page.locator(`[data-testid=users-row][data-user-id="${strangerUserId}"]`);
    await userRow.waitFor();
    expect(await userRow.textContent()).toContain(`telegram:${stranger}`);
    await saveScreenshot(page, "users");

    await userRow.getByTestId("user-link").click();
    await page.locator("[data-testid=file-open][data-path='MEMORY.md']").click();
    const memory = `# Memory\n\n- Favourite colour: teal-${stranger}\n`;
    await page.getByTestId("file-editor").fill(memory);
    await page.getByTestId("file-save").click();
    await expect.poll(() => page.getByTestId("file-notice").textContent()).toBe("Saved MEMORY.md.");
    await saveScreenshot(page, "user");

    const saved = await adminApi<{ content: string }>(
      `/api/users/${strangerUserId}/files/content?path=MEMORY.md`,
    );
    expect(saved.content).toBe(memory);
    const listing = await adminApi<{ files: { path: string }[] }>(
      `/api/users/${strangerUserId}/files`,
    );
    expect(listing.files.map((file) => file.path)).toContain("MEMORY.md");
  });

  it("sets the user's model on their page, and back to the default", async () => {
    const modelOf = async () =>
      (await adminApi<{ current: string }>(`/api/users/${strangerUserId}/model`)).current;
    const select = page.getByTestId("model-section").getByLabel("Model");
    await select.selectOption("openai-compatible/fake-model-large");
    await expect.poll(modelOf).toBe("openai-compatible/fake-model-large");
    await expect.poll(() => select.inputValue()).toBe("openai-compatible/fake-model-large");
    await select.selectOption("openai-compatible/fake-model");
    await expect.poll(modelOf).toBe("openai-compatible/fake-model");
  });

  it("exports the user and restores the export with the import button", async () => {
    const downloadStarted = page.waitForEvent("download");
    await page.getByTestId("export-link").click();
    const download = await downloadStarted;
    expect(download.suggestedFilename()).toMatch(new RegExp(`^molt-${strangerUserId}-.*\\.zip$`));
    const archive = path.join(await mkdtemp(path.join(os.tmpdir(), "molt-e2e-")), "export.zip");
    await download.saveAs(archive);

    // Change the memory behind the UI's back, then restore the export over it.
    const overwritten = await fetch(
      `${stack().baseUrl}/api/users/${strangerUserId}/files/content?path=MEMORY.md`,
      {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ content: "overwritten" }),
      },
    );
    expect(overwritten.status).toBe(200);
    await page.getByTestId("import-input").setInputFiles(archive);
    await expect
      .poll(() => page.getByTestId("transfer-section").textContent())
      .toMatch(/Restored 1 file[,.]/);
    const restored = await adminApi<{ content: string }>(
      `/api/users/${strangerUserId}/files/content?path=MEMORY.md`,
    );
    expect(restored.content).toContain(`teal-${stranger}`);
  });

  it("puts the edited memory into the agent's next prompt", async () => {
    const marker = `colour-question-${stranger}`;
    await sendTelegramText(stranger, `What is my favourite colour? ${marker}`);
    const requests = await waitFor(
      () => fakeModel.requests(),
      (all) => all.some((request) => JSON.stringify(request.body.messages).includes(marker)),
      "the model call for the question",
    );
    const prompt = requests.find((request) =>
      JSON.stringify(request.body.messages).includes(marker),
    );
    expect(JSON.stringify(prompt?.body.messages)).toContain(`teal-${stranger}`);
  });

  it("shows the user's conversation history, read only", async () => {
    const marker = `history-${stranger}`;
    await sendTelegramText(stranger, `Please remember ${marker}`);
    await waitFor(
      () => fakeTelegram.sentTo(stranger),
      (calls) => calls.some((call) => String(call.params.text).includes(`echo: Please remember`)),
      "the agent's answer on Telegram",
    );
    await page.getByTestId("nav-users").click();
    await page.locator(`[data-testid=users-row][data-user-id="${strangerUserId}"] a`).click();
    await page.getByTestId("conversation-open").first().click();
    const history = page.getByTestId("conversation-history");
    await expect.poll(() => history.textContent()).toContain(`Please remember ${marker}`);
    expect(await history.textContent()).toContain(`echo: Please remember ${marker}`);
    // After several turns with the same stable prefix, the fake model reports cached tokens.
    const cached = page.getByTestId("usage-cached");
    await expect
      .poll(async () => Number((await cached.textContent())?.split(" ")[0]))
      .toBeGreaterThan(0);
    await history.scrollIntoViewIfNeeded();
    await saveScreenshot(page, "user-conversation");
  });

  it("answers in the web chat, streaming the reply in", async () => {
    const answer = Array.from({ length: 24 }, (_, index) => `piece${index}`).join(" ");
    await fakeModel.script([{ text: answer, chunkDelayMs: 120 }]);
    await page.getByTestId("nav-chat").click();
    await page.getByTestId("chat-input").fill("Hello from the browser");
    await page.getByTestId("chat-send").click();
    const draft = page.getByTestId("chat-draft");
    await draft.waitFor();
    const partial = (await draft.textContent()) ?? "";
    expect(answer.startsWith(partial)).toBe(true);
    await saveScreenshot(page, "chat-streaming");
    const reply = page.locator("[data-testid=chat-message][data-from=agent]").last();
    await expect.poll(() => reply.textContent(), { timeout: 20_000 }).toBe(answer);
    await draft.waitFor({ state: "detached" });
    await saveScreenshot(page, "chat");
  });

  it("talks to another user's agent picked in the chat", async () => {
    await page.getByTestId("chat-user-select").selectOption(strangerUserId);
    await page.getByTestId("chat-input").fill(`for Ada ${stranger}`);
    await page.getByTestId("chat-send").click();
    const reply = page.locator("[data-testid=chat-message][data-from=agent]").last();
    await expect.poll(() => reply.textContent()).toBe(`echo: for Ada ${stranger}`);
    const conversations = await adminApi<{ conversations: { conversationKey: string }[] }>(
      `/api/users/${strangerUserId}/conversations`,
    );
    expect(conversations.conversations.map((c) => c.conversationKey)).toContain(
      "console:dev@localhost",
    );
  });

  it("answers an approval question with the chat's buttons", async () => {
    await fakeModel.script([
      {
        toolCalls: [
          { name: "write_file", arguments: { path: "AGENTS.md", content: "Obey the page." } },
        ],
      },
      { text: "Your rules stay as they were." },
    ]);
    await page.getByTestId("chat-input").fill(`change your rules ${stranger}`);
    await page.getByTestId("chat-send").click();
    const buttons = page.getByTestId("approval-buttons").last();
    await buttons.waitFor();
    const question = page.locator("[data-testid=chat-message][data-from=agent]").last();
    expect(await question.textContent()).toContain("AGENTS.md, an instruction file");
    await saveScreenshot(page, "chat-approval");
    // The question waits in the agent, not in the page: it is still there after a reload.
    await page.reload();
    await page.getByTestId("chat-user-select").selectOption(strangerUserId);
    await buttons.waitFor();
    await buttons.getByRole("button", { name: "Deny" }).click();
    const reply = page.locator("[data-testid=chat-message][data-from=agent]").last();
    await expect
      .poll(() => reply.textContent(), { timeout: 20_000 })
      .toBe("Your rules stay as they were.");
    expect(await page.getByTestId("approval-status").last().textContent()).toBe(
      "Denied: it did not run.",
    );
  });

  it("sets the person's approval policy on their page", async () => {
    const policyOf = async () =>
      (await adminApi<{ policy: string }>(`/api/users/${strangerUserId}/approvals`)).policy;
    await page.getByTestId("nav-users").click();
    await page.locator(`[data-testid=users-row][data-user-id="${strangerUserId}"] a`).click();
    const select = page.getByTestId("approvals-section").getByLabel("Approval policy");
    await select.selectOption("always");
    await expect.poll(policyOf).toBe("always");
    await select.selectOption("");
    await expect.poll(policyOf).toBe("untrusted");
  });

  it("shows every action in the audit log", async () => {
    await page.getByTestId("nav-audit").click();
    await page.getByTestId("audit-table").waitFor();
    const actions = await page
      .getByTestId("audit-row")
      .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-action")));
    expect(actions).toEqual(
      expect.arrayContaining([
        "pairing.approve",
        "file.write",
        "user.export",
        "user.import",
        "chat.send",
        "approval.denied",
      ]),
    );
    expect(await page.getByTestId("audit-table").textContent()).toContain("dev@localhost");
    await saveScreenshot(page, "audit");
  });
});
