import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { adminFetch, adminToken, BASE_URL } from "./support/worker-api";

interface ErrorAnswer {
  error: { code: string; message: string };
}

describe("HTTP conventions", () => {
  it("sends a visitor of / to the admin UI", async () => {
    const response = await exports.default.fetch(`${BASE_URL}/`, { redirect: "manual" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/_admin/");
  });

  it("answers a known path with the wrong method 405, listing the allowed ones", async () => {
    const health = await exports.default.fetch(`${BASE_URL}/health`, { method: "POST" });
    expect(health.status).toBe(405);
    expect(health.headers.get("allow")).toBe("GET, HEAD");
    expect(((await health.json()) as ErrorAnswer).error.code).toBe("method_not_allowed");

    const usage = await adminFetch("/api/users/u_someone/usage", { method: "DELETE" });
    expect(usage.status).toBe(405);
    expect(usage.headers.get("allow")).toBe("GET, HEAD, PUT");
  });

  it("still answers unknown paths 404", async () => {
    const response = await exports.default.fetch(`${BASE_URL}/nope`, { method: "POST" });
    expect(response.status).toBe(404);
  });

  it("refuses a body that is not JSON with 415", async () => {
    const response = await exports.default.fetch(`${BASE_URL}/api/chat`, {
      method: "POST",
      headers: {
        "Cf-Access-Jwt-Assertion": await adminToken(),
        "content-type": "application/x-www-form-urlencoded",
      },
      body: "text=hello",
    });
    expect(response.status).toBe(415);
    const body = (await response.json()) as ErrorAnswer;
    expect(body.error.code).toBe("unsupported_media_type");
    expect(body.error.message).toContain("application/json");
  });

  it("says what is wrong with a field in plain words", async () => {
    const response = await adminFetch("/api/chat", {
      method: "POST",
      body: JSON.stringify({ text: 42 }),
    });
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as ErrorAnswer;
    expect(error.message).toContain("text must be a string");
    expect(error.message).not.toMatch(/received|Invalid input/);

    const audit = await adminFetch("/api/audit?before=yesterday");
    expect(audit.status).toBe(400);
    const auditError = ((await audit.json()) as ErrorAnswer).error;
    expect(auditError.message).toBe("before must be a number.");
  });
});
