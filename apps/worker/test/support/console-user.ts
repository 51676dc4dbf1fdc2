import { exports } from "cloudflare:workers";
import { TEST_ACCESS_AUD } from "../../../../tests/setup/test-settings";
import { fakeAccess, waitFor } from "./fakes";
import { BASE_URL } from "./worker-api";

interface Replies {
  replies: { seq: number; text: string }[];
  waiting: number;
}

/**
 * A person talking to their agent through the admin console: each email is its own user, so
 * tests that need a fresh agent (and a fresh computer) take a fresh email.
 */
export async function newConsoleUser(label: string) {
  const email = `${label}-${crypto.randomUUID().slice(0, 8)}@example.com`;
  const token = await fakeAccess.sign({ aud: TEST_ACCESS_AUD, email });
  const call = (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set("Cf-Access-Jwt-Assertion", token);
    if (init.body) headers.set("content-type", "application/json");
    return exports.default.fetch(`${BASE_URL}${path}`, { ...init, headers });
  };
  let userId = "";
  return {
    get userId() {
      return userId;
    },
    /** Sends a message and waits until the agent has answered it; returns the reply text. */
    async say(text: string, timeoutMs = 20_000, attachment?: unknown): Promise<string> {
      const body = JSON.stringify(attachment ? { text, attachment } : { text });
      const response = await call("/api/chat", { method: "POST", body });
      const sent = (await response.json()) as { userId: string; afterSeq: number };
      userId = sent.userId;
      const { replies } = await waitFor(
        async () =>
          (await (
            await call(`/api/chat/${userId}/replies?after=${sent.afterSeq}`)
          ).json()) as Replies,
        (result) => result.replies.length > 0 && result.waiting === 0,
        `the reply to "${text}"`,
        timeoutMs,
      );
      return replies.map((reply) => reply.text).join("\n");
    },
    /** Starts the conversation so the user exists, without waiting for the answer. */
    async send(text: string): Promise<{ afterSeq: number }> {
      const response = await call("/api/chat", { method: "POST", body: JSON.stringify({ text }) });
      const sent = (await response.json()) as { userId: string; afterSeq: number };
      userId = sent.userId;
      return sent;
    },
    async repliesAfter(afterSeq: number): Promise<Replies> {
      return (await (
        await call(`/api/chat/${userId}/replies?after=${afterSeq}`)
      ).json()) as Replies;
    },
    call,
  };
}
