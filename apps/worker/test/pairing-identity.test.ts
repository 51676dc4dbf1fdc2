import { describe, expect, it } from "vitest";
import { fakeTelegram } from "./support/fakes";
import { newPersonId, privateTextUpdate } from "./support/telegram-updates";
import { adminFetch, postTelegramUpdate } from "./support/worker-api";

describe("a pairing request", () => {
  it("shows the channel identity, not only the name the stranger chose", async () => {
    const stranger = newPersonId();
    const update = privateTextUpdate(stranger, "it's me, your boss");
    // Anyone can call themselves anything in their Telegram profile.
    update.message.from.first_name = "Your";
    (update.message.from as { last_name?: string }).last_name = "Boss";
    await postTelegramUpdate(update);
    await fakeTelegram.waitForMessages(stranger, 1);
    const { requests } = (await (await adminFetch("/api/pairing")).json()) as {
      requests: Array<{
        code: string;
        identity: string;
        senderName: string;
        channelIdentity: unknown;
      }>;
    };
    const request = requests.find((r) => r.identity === `telegram:${stranger}`);
    expect(request?.senderName).toBe("Your Boss");
    expect(request?.channelIdentity).toEqual({
      channel: "telegram",
      accountId: String(stranger),
      label: `Telegram account ${stranger}`,
      link: `tg://user?id=${stranger}`,
    });
  });
});
