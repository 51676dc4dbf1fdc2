import { type AdminOverview, type DailyActivity, OVERVIEW_DAYS } from "@molt/contracts";
import { Hono } from "hono";
import { getDirectory } from "../directory/directory";
import type { AdminEnv } from "./admin-env";
import { getUserAgent } from "./deliver-to-agent";

/** Adds one person's days into the running totals (same days, same order). */
function addDays(total: DailyActivity[], days: DailyActivity[]): DailyActivity[] {
  if (total.length === 0) return days.map((day) => ({ ...day }));
  return total.map((day, index) => ({
    day: day.day,
    messages: day.messages + (days[index]?.messages ?? 0),
    tokens: day.tokens + (days[index]?.tokens ?? 0),
  }));
}

/** The dashboard's overview: every person's agent asked once, in parallel. */
export const overviewRoutes = new Hono<AdminEnv>().get("/overview", async (c) => {
  const directory = getDirectory(c.env);
  const [users, pairing] = await Promise.all([
    directory.listUsers(),
    directory.listPairingRequests(),
  ]);
  const agents = await Promise.all(
    users.map(async (user) => ({
      userId: user.userId,
      // One agent that cannot answer must not hide the others.
      view: await (await getUserAgent(c.env, user.userId))
        .overview(OVERVIEW_DAYS)
        .catch(() => null),
    })),
  );
  let days: DailyActivity[] = [];
  const overview: AdminOverview = {
    people: users.length,
    activeToday: 0,
    messagesToday: 0,
    tokensToday: 0,
    modelErrorsToday: 0,
    lastModelError: null,
    lastModelSuccessAt: null,
    pendingPairing: pairing.filter((request) => request.status === "pending").length,
    sandboxesAwake: 0,
    days,
  };
  for (const { userId, view } of agents) {
    if (!view) continue;
    days = addDays(days, view.days);
    const today = view.days.at(-1);
    if (today && today.messages > 0) overview.activeToday += 1;
    overview.modelErrorsToday += view.modelHealth.errorsToday;
    if (view.sandboxAwake) overview.sandboxesAwake += 1;
    const { lastSuccessAt } = view.modelHealth;
    if (lastSuccessAt && lastSuccessAt > (overview.lastModelSuccessAt ?? 0)) {
      overview.lastModelSuccessAt = lastSuccessAt;
    }
    const last = view.modelHealth.lastError;
    if (last && (!overview.lastModelError || last.at > overview.lastModelError.at)) {
      overview.lastModelError = { ...last, userId };
    }
  }
  overview.days = days;
  overview.messagesToday = days.at(-1)?.messages ?? 0;
  overview.tokensToday = days.at(-1)?.tokens ?? 0;
  return c.json(overview);
});
