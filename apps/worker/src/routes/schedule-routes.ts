import { type ScheduleList, type UsageReport, usageLimitBodySchema } from "@molt/contracts";
import { Hono } from "hono";
import { z } from "zod";
import { AppError } from "../errors";
import { type AdminEnv, requireKnownUserAgent } from "./admin-env";
import { parseJsonBody, parseParam } from "./json-body";

const scheduleIdSchema = z.string().min(1).max(64);

/** A person's reminders and scheduled tasks, and today's token use, for the operator. */
export const scheduleRoutes = new Hono<AdminEnv>()
  .get("/users/:userId/schedules", async (c) => {
    const { agent } = await requireKnownUserAgent(c);
    const body: ScheduleList = { schedules: await agent.scheduleSummaries() };
    return c.json(body);
  })
  .delete("/users/:userId/schedules/:id", async (c) => {
    const { agent } = await requireKnownUserAgent(c);
    const id = parseParam(scheduleIdSchema, c.req.param("id"), "schedule id");
    if (!(await agent.cancelReminder(id))) throw new AppError("not_found", `No schedule ${id}.`);
    return c.body(null, 204);
  })
  .get("/users/:userId/usage", async (c) => {
    const { agent } = await requireKnownUserAgent(c);
    const body: UsageReport = await agent.usageReport();
    return c.json(body);
  })
  .put("/users/:userId/usage", async (c) => {
    const { agent } = await requireKnownUserAgent(c);
    const { dailyLimit } = await parseJsonBody(c, usageLimitBodySchema);
    const body: UsageReport = await agent.setDailyTokenLimit(dailyLimit);
    return c.json(body);
  });
