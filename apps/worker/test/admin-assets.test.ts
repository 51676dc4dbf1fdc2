import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { adminToken, BASE_URL } from "./support/worker-api";

describe("the admin UI at /_admin/", () => {
  it("is behind Access, the page shell included", async () => {
    const response = await exports.default.fetch(`${BASE_URL}/_admin/`);
    expect(response.status).toBe(401);
  });

  it("serves the app shell and its assets with a valid Access token", async () => {
    const headers = { "Cf-Access-Jwt-Assertion": await adminToken() };
    const shell = await exports.default.fetch(`${BASE_URL}/_admin/`, { headers });
    expect(shell.status).toBe(200);
    const html = await shell.text();
    expect(html).toContain('<div id="root">');
    const script = /src="(\/_admin\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await exports.default.fetch(`${BASE_URL}${script}`, { headers });
    expect(asset.status).toBe(200);
    expect(asset.headers.get("content-type")).toContain("javascript");

    // Client-side routes fall back to the shell.
    const deepLink = await exports.default.fetch(`${BASE_URL}/_admin/some/page`, { headers });
    expect(await deepLink.text()).toContain('<div id="root">');
  });
});
