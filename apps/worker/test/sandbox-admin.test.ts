import { env } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { newConsoleUser } from "./support/console-user";
import { fakeModel, resetFakes, waitFor } from "./support/fakes";
import { sandboxHost } from "./support/sandbox-host";
import { adminFetch } from "./support/worker-api";

beforeAll(resetFakes);

describe("the sandbox admin API", () => {
  it("answers 404 for unknown users and 400 for malformed ids, behind Access", async () => {
    const unknown = await adminFetch("/api/users/nobody0000/sandbox");
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: "not_found" } });
    expect((await adminFetch("/api/users/BAD!/sandbox")).status).toBe(400);
    expect(
      (await adminFetch("/api/users/nobody0000/sandbox/restart", { method: "POST" })).status,
    ).toBe(404);
    const anonymous = await exports.default.fetch("https://agent.example.com/api/users/x/sandbox");
    expect(anonymous.status).toBe(401);
  });

  it("shows status and processes, reads logs, restarts and destroys while R2 keeps the files", async () => {
    const person = await newConsoleUser("admin");
    await fakeModel.script([
      {
        toolCalls: [
          { name: "write_file", arguments: { path: "keep.txt", content: "keep me" } },
          { name: "start_process", arguments: { command: "echo serving; sleep 60" } },
        ],
      },
      { text: "Started." },
    ]);
    await person.say("sandbox-marker-admin: start a server");
    const base = `/api/users/${person.userId}/sandbox`;

    const status = await (await person.call(base)).json();
    expect(status).toMatchObject({
      userId: person.userId,
      state: "running",
      startedAt: expect.any(Number),
    });

    const { processes } = (await (await person.call(`${base}/processes`)).json()) as {
      processes: { id: string; command: string; status: string }[];
    };
    expect(processes).toEqual([
      expect.objectContaining({ command: "echo serving; sleep 60", status: "running" }),
    ]);
    const id = processes[0]?.id;
    const logs = await waitFor(
      async () =>
        (await (await person.call(`${base}/processes/${id}/logs`)).json()) as { output: string },
      (value) => value.output.includes("serving"),
      "the process output",
    );
    expect(logs).toMatchObject({ id, truncated: false });
    expect((await person.call(`${base}/processes/p999/logs`)).status).toBe(404);

    const before = await sandboxHost.status(person.userId);
    const restarted = await person.call(`${base}/restart`, { method: "POST" });
    expect(await restarted.json()).toMatchObject({ state: "running" });
    expect((await sandboxHost.status(person.userId)).pid).not.toBe(before.pid);

    const destroyed = await person.call(`${base}/destroy`, { method: "POST" });
    expect(await destroyed.json()).toMatchObject({ state: "sleeping" });
    expect((await sandboxHost.status(person.userId)).running).toBe(false);
    const kept = await env.WORKSPACES.get(`users/${person.userId}/workspace/keep.txt`);
    expect(await kept?.text()).toBe("keep me");
    expect(await (await person.call(`${base}/processes`)).json()).toEqual({ processes: [] });
  });
});
