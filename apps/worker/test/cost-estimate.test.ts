import { dayCostEstimateSchema } from "@molt/contracts";
import { beforeAll, describe, expect, it } from "vitest";
import { resetFakes, waitFor } from "./support/fakes";
import { newAllowedPersonId, privateTextUpdate } from "./support/telegram-updates";
import { adminFetch, postTelegramUpdate } from "./support/worker-api";

beforeAll(resetFakes);

interface UserRow {
  userId: string;
  identities: string[];
  activity?: { outputTokensToday: number };
}

describe("GET /api/users/{userId}/cost", () => {
  it("estimates today's cost from the turns the agent counted", async () => {
    const personId = newAllowedPersonId();
    expect(
      (await postTelegramUpdate(privateTextUpdate(personId, "what does this cost?"))).status,
    ).toBe(200);
    const users = await waitFor(
      async () => ((await (await adminFetch("/api/users")).json()) as { users: UserRow[] }).users,
      (list) =>
        list.some(
          (user) =>
            user.identities.includes(`telegram:${personId}`) &&
            (user.activity?.outputTokensToday ?? 0) > 0,
        ),
      "the first turn",
    );
    const userId = users.find((user) => user.identities.includes(`telegram:${personId}`))?.userId;

    const response = await adminFetch(`/api/users/${userId}/cost`);
    expect(response.status).toBe(200);
    const estimate = dayCostEstimateSchema.parse(await response.json());
    expect(estimate.turns).toBe(1);
    expect(estimate.totalUsd).toBeGreaterThan(0);
    expect(estimate.day).toBe(new Date().toISOString().slice(0, 10));
    // No tool ran: the computer never woke, so it costs nothing today.
    expect(estimate.lines.find((line) => line.item === "containers")?.usd).toBe(0);
  });

  it("answers 404 for an unknown user", async () => {
    expect((await adminFetch("/api/users/nobody-here/cost")).status).toBe(404);
  });
});
