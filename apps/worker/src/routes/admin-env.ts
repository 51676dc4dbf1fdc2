import { userIdSchema } from "@molt/contracts";
import type { Context } from "hono";
import { getDirectory } from "../directory/directory";
import { AppError } from "../errors";
import type { AdminVariables } from "../middleware/access-auth";
import { parseParam } from "./json-body";

export type AdminEnv = { Bindings: Env; Variables: AdminVariables };

/** The `:userId` of the route, checked to name a known user (404 otherwise). */
export async function requireKnownUser(c: Context<AdminEnv>): Promise<string> {
  const userId = parseParam(userIdSchema, c.req.param("userId") ?? "", "user id");
  if (!(await getDirectory(c.env).hasUser(userId))) {
    throw new AppError("not_found", `No user ${userId}.`);
  }
  return userId;
}
