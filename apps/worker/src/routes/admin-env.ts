import { userIdSchema } from "@molt/contracts";
import type { Context } from "hono";
import { getDirectory } from "../directory/directory";
import { AppError } from "../errors";
import type { AdminVariables } from "../middleware/access-auth";
import { getUserAgent } from "./deliver-to-agent";
import { parseParam } from "./json-body";

/** What every admin route sees: the Worker's bindings and the verified admin (`accessAuth`). */
export type AdminEnv = { Bindings: Env; Variables: AdminVariables };

/** 404 unless the directory knows `userId`: checked before an agent is reached for it. */
export async function assertKnownUser(env: Env, userId: string): Promise<void> {
  if (!(await getDirectory(env).hasUser(userId))) {
    throw new AppError("not_found", `No user ${userId}.`);
  }
}

/** The `:userId` of the route, checked to be well formed (400) and a known user (404). */
export async function requireKnownUser(c: Context<AdminEnv>): Promise<string> {
  const userId = parseParam(userIdSchema, c.req.param("userId") ?? "", "user id");
  await assertKnownUser(c.env, userId);
  return userId;
}

/**
 * The `:userId` of the route and that user's agent. The check comes first because reaching an
 * agent by name creates it: an unknown id must never leave a Durable Object behind.
 */
export async function requireKnownUserAgent(c: Context<AdminEnv>) {
  const userId = await requireKnownUser(c);
  return { userId, agent: await getUserAgent(c.env, userId) };
}
