import type { AdminOverview } from "@molt/contracts";
import { describe, expect, it, vi } from "vitest";
import { fakeModel, fakeTelegram } from "./support/fakes";
import { newAllowedPersonId, privateTextUpdate } from "./support/telegram-updates";
import { adminFetch, postTelegramUpdate } from "./support/worker-api";

describe("a model that cannot be reached", () => {
  it("tells the person plainly, logs it, and shows it on the dashboard", async () => {
    const logged = vi.spyOn(console, "error");
    const person = newAllowedPersonId();
    // The fake hangs up on every attempt, on the default model and its fallback alike, like
    // servers that are not there.
    await fakeModel.fail({ status: 500, message: "unused", times: 4, hangUp: true });
    await postTelegramUpdate(privateTextUpdate(person, "unreachable-marker"));

    const [reply] = await fakeTelegram.waitForMessages(person, 1);
    expect(reply?.params.text).toContain("the model provider could not be reached");
    expect(reply?.params.text).not.toContain("Network connection lost");

    const response = await adminFetch("/api/overview");
    expect(response.status).toBe(200);
    const overview = (await response.json()) as AdminOverview;
    expect(overview.modelErrorsToday).toBeGreaterThanOrEqual(1);
    expect(overview.lastModelError).toMatchObject({
      message: "the model provider could not be reached",
      at: expect.any(Number),
    });
    // Later than any answered call: the dashboard's model row shows it as the current state.
    expect(overview.lastModelError?.at ?? 0).toBeGreaterThan(overview.lastModelSuccessAt ?? 0);
    expect(overview.days.at(-1)?.messages).toBeGreaterThanOrEqual(1);

    const lines = logged.mock.calls.map((call) => String(call[0]));
    expect(lines.some((line) => line.includes('"event":"model"'))).toBe(true);
    logged.mockRestore();
    // Attempts the SDK did not make leave failures behind that must not reach other tests.
    await fakeModel.reset();
  });
});
