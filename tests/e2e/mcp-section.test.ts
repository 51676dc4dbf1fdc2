import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeMcp, startFakeMcp } from "../fakes/fake-mcp.ts";
import { adminApi, openAdminPage, saveScreenshot, stack } from "./support/admin-browser.ts";

let browser: Browser;
let page: Page;
let mcp: FakeMcp;

beforeAll(async () => {
  mcp = await startFakeMcp();
  ({ browser, page } = await openAdminPage());
});

afterAll(async () => {
  await browser?.close();
  await mcp?.close();
});

describe("the admin UI's MCP servers", () => {
  it("adds a server for a person, shows its state and tools, tests and removes it", async () => {
    const sent = await adminApi<{ userId: string }>("/api/chat", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: "hello before MCP" }),
    });
    await page.goto(`${stack().baseUrl}/_admin/#/users/${encodeURIComponent(sent.userId)}`);
    const section = page.getByTestId("mcp-section");
    await section.getByText("No MCP servers.").waitFor();

    await section.getByLabel("MCP server URL").fill(mcp.plainUrl);
    await section.getByLabel("MCP server name").fill("notes");
    await section.getByRole("button", { name: "Add" }).click();
    const server = section.getByTestId("mcp-server");
    await server.getByText("ready").waitFor();
    expect(await server.getByTestId("mcp-tools").textContent()).toBe(
      "Tools: mcp_notes_echo, mcp_notes_fetch_note",
    );
    await saveScreenshot(page, "mcp-section");

    await server.getByRole("button", { name: "Test" }).click();
    await server.getByText("ready").waitFor();
    await server.getByRole("button", { name: "Remove" }).click();
    await section.getByText("No MCP servers.").waitFor();

    // A server that cannot be reached is refused with the reason, and nothing is added.
    await section.getByLabel("MCP server URL").fill(mcp.downUrl);
    await section.getByLabel("MCP server name").fill("gone");
    await section.getByRole("button", { name: "Add" }).click();
    await section.getByText(/Could not connect to/).waitFor();
    expect(await section.getByTestId("mcp-server").count()).toBe(0);
  });

  it("keeps the operator's list on the dashboard", async () => {
    await page.goto(`${stack().baseUrl}/_admin/#/`);
    const section = page.getByTestId("operator-mcp-section");
    await section.getByLabel("MCP server URL").fill(mcp.plainUrl);
    await section.getByLabel("MCP server name").fill("team");
    await section.getByRole("button", { name: "Add" }).click();
    const row = section.getByTestId("operator-mcp-server");
    await row.getByText(mcp.plainUrl).waitFor();
    await row.getByRole("button", { name: "Remove" }).click();
    await section.getByText("None yet.").waitFor();
  });
});
