import type { DayCostEstimate } from "@molt/contracts";
import { Hono } from "hono";
import { readWorkerConfig } from "../config/worker-config";
import {
  containerAwakeSecondsToday,
  estimateDayCost,
  parseSleepAfterSeconds,
} from "../cost/estimate-day-cost";
import { type AdminEnv, requireKnownUser } from "./admin-env";
import { getUserAgent } from "./deliver-to-agent";

/** `GET /api/users/{userId}/cost`: today's platform cost estimate from what the agent counts. */
export const costRoutes = new Hono<AdminEnv>().get("/users/:userId/cost", async (c) => {
  const userId = await requireKnownUser(c);
  const agent = await getUserAgent(c.env, userId);
  const usage = await agent.usageReport();
  // Reading the status never wakes a sleeping computer.
  const sandbox = await agent.sandboxStatus();
  const now = Date.now();
  const dayStart = Date.parse(`${usage.day}T00:00:00Z`);
  const sleepAfter = parseSleepAfterSeconds(readWorkerConfig(c.env).values.SANDBOX_SLEEP_AFTER);
  const estimate: DayCostEstimate = estimateDayCost({
    day: usage.day,
    turns: usage.turns,
    containerAwakeSeconds: containerAwakeSecondsToday(sandbox, sleepAfter, dayStart, now),
  });
  return c.json(estimate);
});
