import { exports } from "cloudflare:workers";
import { MAX_USER_IMPORT_BYTES } from "@molt/contracts";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { resetFakes, waitFor } from "./support/fakes";
import { newAllowedPersonId, privateTextUpdate } from "./support/telegram-updates";
import { adminFetch, adminToken, BASE_URL, postTelegramUpdate } from "./support/worker-api";

beforeAll(resetFakes);

async function json<T = Record<string, unknown>>(response: Response | Promise<Response>) {
  const answer = await response;
  return { status: answer.status, body: (await answer.json()) as T };
}

interface UserRow {
  userId: string;
  identities: string[];
  activity: { lastActivityAt: number | null; messagesToday: number; outputTokensToday: number };
}

/** A Telegram user who has talked to the agent once, and their user id. */
async function userWhoTalked(text: string): Promise<string> {
  const personId = newAllowedPersonId();
  expect((await postTelegramUpdate(privateTextUpdate(personId, text))).status).toBe(200);
  const users = await waitFor(
    () => json<{ users: UserRow[] }>(adminFetch("/api/users")),
    ({ body }) =>
      body.users.some(
        (user) =>
          user.identities.includes(`telegram:${personId}`) &&
          (user.activity?.outputTokensToday ?? 0) > 0,
      ),
    "the user's first turn",
  );
  const user = users.body.users.find((u) => u.identities.includes(`telegram:${personId}`));
  return user?.userId ?? "";
}

function putFile(userId: string, path: string, content: string) {
  return adminFetch(`/api/users/${userId}/files/content?path=${encodeURIComponent(path)}`, {
    method: "PUT",
    body: JSON.stringify({ content }),
  });
}

describe("admin identity", () => {
  it("names the verified Access email", async () => {
    expect(await json(adminFetch("/api/me"))).toEqual({
      status: 200,
      body: { email: "ops@example.com", devMode: false },
    });
  });
});

describe("users and conversations", () => {
  it("lists users with identities, last activity, messages and tokens today", async () => {
    const userId = await userWhoTalked("hello overview-marker");
    const { body } = await json<{ users: UserRow[] }>(adminFetch("/api/users"));
    const user = body.users.find((u) => u.userId === userId);
    expect(user?.activity.messagesToday).toBe(1);
    expect(user?.activity.lastActivityAt).toBeGreaterThan(Date.now() - 60_000);
  });

  it("shows a conversation's stored history, read only", async () => {
    const userId = await userWhoTalked("history-marker please");
    const list = await json<{ conversations: { conversationKey: string; messages: number }[] }>(
      adminFetch(`/api/users/${userId}/conversations`),
    );
    expect(list.body.conversations).toHaveLength(1);
    const key = list.body.conversations[0]?.conversationKey ?? "";
    const history = await json<{ sessions: { entries: { role: string; text: string }[] }[] }>(
      adminFetch(`/api/users/${userId}/conversations/history?key=${encodeURIComponent(key)}`),
    );
    const entries = history.body.sessions.flatMap((session) => session.entries);
    expect(entries.map((entry) => entry.role)).toEqual(["user", "assistant"]);
    expect(entries[0]?.text).toBe("history-marker please");
    expect(entries[1]?.text).toContain("echo: history-marker please");
  });

  it("answers 404 for an unknown user", async () => {
    expect((await adminFetch("/api/users/nobody000000/conversations")).status).toBe(404);
    expect((await adminFetch("/api/users/nobody000000/files")).status).toBe(404);
  });
});

describe("workspace files (R2)", () => {
  it("writes, lists and reads a file, and records the write in the audit log", async () => {
    const userId = await userWhoTalked("files please");
    const saved = await putFile(userId, "MEMORY.md", "# Memory\n- likes tea\n");
    expect(saved.status).toBe(200);
    await putFile(userId, "notes/todo.md", "- buy milk");

    const all = await json<{ files: { path: string; size: number }[] }>(
      adminFetch(`/api/users/${userId}/files`),
    );
    // The agent wrote its templates (AGENTS.md, SOUL.md, ...) at first contact.
    expect(all.body.files.map((file) => file.path)).toEqual(
      expect.arrayContaining(["AGENTS.md", "MEMORY.md", "notes/todo.md"]),
    );
    const notes = await json<{ path: string; files: { path: string }[] }>(
      adminFetch(`/api/users/${userId}/files?path=notes`),
    );
    expect(notes.body).toMatchObject({ path: "notes/", files: [{ path: "notes/todo.md" }] });

    const read = await json(adminFetch(`/api/users/${userId}/files/content?path=MEMORY.md`));
    expect(read.body).toEqual({ path: "MEMORY.md", content: "# Memory\n- likes tea\n" });

    const audit = await json<{ entries: { action: string; target: string; actor: string }[] }>(
      adminFetch("/api/audit"),
    );
    expect(audit.body.entries).toContainEqual(
      expect.objectContaining({
        action: "file.write",
        target: `user:${userId} MEMORY.md`,
        actor: "ops@example.com",
      }),
    );
  });

  it.each(["../other/MEMORY.md", "/etc/passwd", "a/../../b", "x\\..\\y"])(
    "refuses the escaping path %s with 400",
    async (path) => {
      const userId = await userWhoTalked("escape please");
      expect((await putFile(userId, path, "x")).status).toBe(400);
      const read = await adminFetch(
        `/api/users/${userId}/files/content?path=${encodeURIComponent(path)}`,
      );
      expect(read.status).toBe(400);
    },
  );

  it("answers 404 for a missing file and 400 for a body that is not file content", async () => {
    const userId = await userWhoTalked("missing please");
    expect((await adminFetch(`/api/users/${userId}/files/content?path=nope.md`)).status).toBe(404);
    const bad = await adminFetch(`/api/users/${userId}/files/content?path=a.md`, {
      method: "PUT",
      body: JSON.stringify({ text: "wrong field" }),
    });
    expect(bad.status).toBe(400);
  });
});

describe("export and import", () => {
  async function importArchive(userId: string, archive: Uint8Array) {
    return exports.default.fetch(`${BASE_URL}/api/users/${userId}/import`, {
      method: "POST",
      headers: { "Cf-Access-Jwt-Assertion": await adminToken(), "content-type": "application/zip" },
      body: archive,
    });
  }

  it("exports workspace, sessions and a manifest, and restores them into another user", async () => {
    const source = await userWhoTalked("export-marker");
    await putFile(source, "MEMORY.md", "remember: export works");
    await putFile(source, "projects/plan.txt", "step 1");
    const response = await adminFetch(`/api/users/${source}/export`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/zip");
    const archive = new Uint8Array(await response.arrayBuffer());
    const entries = unzipSync(archive);
    const manifest = JSON.parse(strFromU8(entries["manifest.json"] as Uint8Array));
    expect(manifest).toMatchObject({
      format: "molt-user-export",
      version: 1,
      userId: source,
      schedules: { included: true },
    });
    expect(JSON.parse(strFromU8(entries["schedules.json"] as Uint8Array))).toEqual({
      schedules: [],
    });
    const exportedPaths = manifest.files.map((file: { path: string }) => file.path);
    expect(exportedPaths).toEqual(expect.arrayContaining(["MEMORY.md", "projects/plan.txt"]));
    expect(strFromU8(entries["workspace/MEMORY.md"] as Uint8Array)).toBe("remember: export works");
    expect(strFromU8(entries["sessions.json"] as Uint8Array)).toContain("export-marker");

    const target = await userWhoTalked("import target");
    const imported = await json(importArchive(target, archive));
    expect(imported).toEqual({
      status: 200,
      body: { userId: target, filesRestored: exportedPaths.length, skipped: [] },
    });
    const read = await json(adminFetch(`/api/users/${target}/files/content?path=MEMORY.md`));
    expect(read.body).toMatchObject({ content: "remember: export works" });
    const audit = await json<{ entries: { action: string; target: string }[] }>(
      adminFetch("/api/audit"),
    );
    const actions = audit.body.entries.map((entry) => `${entry.action} ${entry.target}`);
    expect(actions).toContain(`user.import user:${target}`);
    expect(actions).toContain(`user.export user:${source}`);
  });

  it("refuses archives that escape the workspace, lack a manifest or are not zips", async () => {
    const userId = await userWhoTalked("bad imports");
    const before = await json<{ files: unknown[] }>(adminFetch(`/api/users/${userId}/files`));
    const manifest = strToU8(
      JSON.stringify({
        format: "molt-user-export",
        version: 1,
        userId,
        exportedAt: 1,
        files: [],
        sessions: { included: false, note: "" },
        schedules: { included: false, note: "" },
      }),
    );
    const escaping = zipSync({
      "manifest.json": manifest,
      "workspace/../../evil.txt": strToU8("x"),
    });
    const escaped = await json<{ error: { message: string } }>(importArchive(userId, escaping));
    expect(escaped.status).toBe(400);
    expect(escaped.body.error.message).toMatch(/leaves the workspace/);
    expect((await importArchive(userId, zipSync({ "workspace/a": strToU8("x") }))).status).toBe(
      400,
    );
    const wrongVersion = zipSync({
      "manifest.json": strToU8(JSON.stringify({ format: "molt-user-export", version: 99 })),
    });
    expect((await importArchive(userId, wrongVersion)).status).toBe(400);
    expect((await importArchive(userId, strToU8("not a zip"))).status).toBe(400);
    // Small to upload, huge once unpacked: refused before it is inflated.
    const bomb = zipSync({
      "manifest.json": manifest,
      "workspace/zeros.bin": new Uint8Array(MAX_USER_IMPORT_BYTES + 1),
    });
    expect(bomb.byteLength).toBeLessThan(1_000_000);
    const refused = await json<{ error: { message: string } }>(importArchive(userId, bomb));
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/unpacks to more than/);
    const oversized = await importArchive(userId, new Uint8Array(MAX_USER_IMPORT_BYTES + 1));
    expect(oversized.status).toBe(413);
    // Nothing of the refused archives reached the workspace.
    const files = await json<{ files: unknown[] }>(adminFetch(`/api/users/${userId}/files`));
    expect(files.body.files).toEqual(before.body.files);
  });
});

describe("audit log", () => {
  it("records pairing decisions and chat messages with the admin's email", async () => {
    const chat = await json<{ userId: string }>(
      adminFetch("/api/chat", { method: "POST", body: JSON.stringify({ text: "audit me" }) }),
    );
    const { body } = await json<{
      entries: { action: string; target: string; actor: string; at: number }[];
    }>(adminFetch("/api/audit"));
    expect(body.entries[0]).toMatchObject({
      action: "chat.send",
      target: `user:${chat.body.userId}`,
      actor: "ops@example.com",
    });
    // Reads are not actions: listing users leaves no entry.
    await adminFetch("/api/users");
    const after = await json<{ entries: unknown[] }>(adminFetch("/api/audit"));
    expect(after.body.entries).toHaveLength(body.entries.length);
  });
});

describe("Telegram webhook state", () => {
  it("reports getWebhookInfo from the Bot API", async () => {
    const { status, body } = await json(adminFetch("/api/telegram/webhook"));
    expect(status).toBe(200);
    expect(body).toMatchObject({ pendingUpdates: 0, lastErrorMessage: null });
  });
});
