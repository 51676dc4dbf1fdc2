import { describe, expect, it } from "vitest";
import { startAllFakes } from "../fakes/start-fakes.ts";

const TOKEN = "123456:test-token";

describe("startAllFakes", () => {
  it("starts the fakes and closes them", async () => {
    const fakes = await startAllFakes({ telegramToken: TOKEN, openaiApiKey: "sk-x" });
    try {
      expect(fakes.urls.OPENAI_BASE_URL).toBe(`${fakes.openai.url}/v1`);
      const me = await fetch(`${fakes.urls.TELEGRAM_API_BASE_URL}/bot${TOKEN}/getMe`);
      expect(me.status).toBe(200);
      const auth = await fetch(`${fakes.urls.SLACK_API_BASE_URL}/auth.test`, {
        method: "POST",
        headers: { authorization: `Bearer ${fakes.slack.token}` },
      });
      expect(await auth.json()).toMatchObject({ ok: true, user_id: "U0FAKEBOT" });
    } finally {
      await fakes.closeAll();
    }
    await expect(fetch(fakes.urls.TELEGRAM_API_BASE_URL)).rejects.toThrow();
  });
});
