import {
  type ScheduleList,
  type UsageReport,
  usageLimitBodySchema,
  userIdSchema,
} from "@molt/contracts";
import { Hono } from "hono";
import { z } from "zod";
import { getDirectory } from "../directory/directory";
import { AppError } from "../errors";
import type { AdminVariables } from "../middleware/access-auth";
import { getUserAgent } from "./deliver-to-agent";
import { parseJsonBody, parseParam } from "./json-body";

type AdminEnv = { Bindings: Env; Variables: AdminVariables };

const scheduleIdSchema = z.string().min(1).max(64);

async function agentOf(env: Env, rawUserId: string) {
  const userId = parseParam(userIdSchema, rawUserId, "user id");
  if (!(await getDirectory(env).hasUser(userId)))
    throw new AppError("not_found", `No user ${userId}.`);
  return getUserAgent(env, userId);
}

/** A person's reminders and scheduled tasks, and today's token use, for the operator. */
export const scheduleRoutes = new Hono<AdminEnv>()
  .get("/users/:userId/schedules", async (c) => {
    const agent = await agentOf(c.env, c.req.param("userId"));
    const body: ScheduleList = { schedules: await agent.scheduleSummaries() };
    return c.json(body);
  })
  .delete("/users/:userId/schedules/:id", async (c) => {
    const agent = await agentOf(c.env, c.req.param("userId"));
    const id = parseParam(scheduleIdSchema, c.req.param("id"), "schedule id");
    if (!(await agent.cancelReminder(id))) throw new AppError("not_found", `No schedule ${id}.`);
    return c.body(null, 204);
  })
  .get("/users/:userId/usage", async (c) => {
    const agent = await agentOf(c.env, c.req.param("userId"));
    const body: UsageReport = await agent.usageReport();
    return c.json(body);
  })
  .put("/users/:userId/usage", async (c) => {
    const agent = await agentOf(c.env, c.req.param("userId"));
    const { dailyLimit } = await parseJsonBody(c, usageLimitBodySchema);
    const body: UsageReport = await agent.setDailyTokenLimit(dailyLimit);
    return c.json(body);
  });
