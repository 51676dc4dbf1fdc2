import type { SandboxProcessList, SandboxProcessLogs, SandboxStatus } from "@molt/contracts";
import { Hono } from "hono";
import { z } from "zod";
import { AppError } from "../errors";
import { type AdminEnv, requireKnownUserAgent } from "./admin-env";
import { parseParam } from "./json-body";

const processIdSchema = z.string().regex(/^[\w-]{1,64}$/, "not a process id");

function sandboxFailure(action: string, error: unknown): AppError {
  const message = error instanceof Error ? error.message : String(error);
  return new AppError("upstream_failed", `Could not ${action} the sandbox: ${message}`);
}

/** The operator's view of each person's computer. Files stay in R2 whatever happens here. */
export const sandboxRoutes = new Hono<AdminEnv>()
  .get("/users/:userId/sandbox", async (c) => {
    const { agent } = await requireKnownUserAgent(c);
    const status: SandboxStatus = await agent.sandboxStatus();
    return c.json(status);
  })
  .post("/users/:userId/sandbox/restart", async (c) => {
    const { agent } = await requireKnownUserAgent(c);
    await agent.restartSandbox().catch((error: unknown) => {
      throw sandboxFailure("restart", error);
    });
    const status: SandboxStatus = await agent.sandboxStatus();
    return c.json(status);
  })
  .post("/users/:userId/sandbox/destroy", async (c) => {
    const { agent } = await requireKnownUserAgent(c);
    await agent.destroySandbox().catch((error: unknown) => {
      throw sandboxFailure("destroy", error);
    });
    const status: SandboxStatus = await agent.sandboxStatus();
    return c.json(status);
  })
  .get("/users/:userId/sandbox/processes", async (c) => {
    const { agent } = await requireKnownUserAgent(c);
    const processes = await agent.sandboxProcesses().catch((error: unknown) => {
      throw sandboxFailure("list the processes of", error);
    });
    const body: SandboxProcessList = { processes };
    return c.json(body);
  })
  .get("/users/:userId/sandbox/processes/:processId/logs", async (c) => {
    const { agent } = await requireKnownUserAgent(c);
    const id = parseParam(processIdSchema, c.req.param("processId"), "process id");
    const logs: SandboxProcessLogs | null = await agent.sandboxProcessLogs(id);
    if (!logs) throw new AppError("not_found", `No process ${id} in this sandbox.`);
    return c.json(logs);
  });
