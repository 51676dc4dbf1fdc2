import { type SandboxProcessLogs, type SandboxStatus, userIdSchema } from "@molt/contracts";
import { Hono } from "hono";
import { z } from "zod";
import { getDirectory } from "../directory/directory";
import { AppError } from "../errors";
import type { AdminVariables } from "../middleware/access-auth";
import { getUserAgent } from "./deliver-to-agent";
import { parseParam } from "./json-body";

type AdminEnv = { Bindings: Env; Variables: AdminVariables };

const processIdSchema = z.string().regex(/^[\w-]{1,64}$/, "not a process id");

/** The user's agent, after checking the user exists: an unknown id never creates an agent. */
async function knownUserAgent(env: Env, rawUserId: string) {
  const userId = parseParam(userIdSchema, rawUserId, "user id");
  if (!(await getDirectory(env).hasUser(userId))) {
    throw new AppError("not_found", `No user ${userId}.`);
  }
  return { userId, agent: await getUserAgent(env, userId) };
}

function sandboxFailure(action: string, error: unknown): AppError {
  const message = error instanceof Error ? error.message : String(error);
  return new AppError("upstream_failed", `Could not ${action} the sandbox: ${message}`);
}

/** The operator's view of each person's computer. Files stay in R2 whatever happens here. */
export const sandboxRoutes = new Hono<AdminEnv>()
  .get("/users/:userId/sandbox", async (c) => {
    const { agent } = await knownUserAgent(c.env, c.req.param("userId"));
    const status: SandboxStatus = await agent.sandboxStatus();
    return c.json(status);
  })
  .post("/users/:userId/sandbox/restart", async (c) => {
    const { agent } = await knownUserAgent(c.env, c.req.param("userId"));
    await agent.restartSandbox().catch((error: unknown) => {
      throw sandboxFailure("restart", error);
    });
    const status: SandboxStatus = await agent.sandboxStatus();
    return c.json(status);
  })
  .post("/users/:userId/sandbox/destroy", async (c) => {
    const { agent } = await knownUserAgent(c.env, c.req.param("userId"));
    await agent.destroySandbox().catch((error: unknown) => {
      throw sandboxFailure("destroy", error);
    });
    const status: SandboxStatus = await agent.sandboxStatus();
    return c.json(status);
  })
  .get("/users/:userId/sandbox/processes", async (c) => {
    const { agent } = await knownUserAgent(c.env, c.req.param("userId"));
    const processes = await agent.sandboxProcesses().catch((error: unknown) => {
      throw sandboxFailure("list the processes of", error);
    });
    return c.json({ processes });
  })
  .get("/users/:userId/sandbox/processes/:processId/logs", async (c) => {
    const { agent } = await knownUserAgent(c.env, c.req.param("userId"));
    const id = parseParam(processIdSchema, c.req.param("processId"), "process id");
    const logs: SandboxProcessLogs | null = await agent.sandboxProcessLogs(id);
    if (!logs) throw new AppError("not_found", `No process ${id} in this sandbox.`);
    return c.json(logs);
  });
