import { describe, expect, it } from "vitest";
import { signSlackRequest, verifySlackSignature } from "./verify-slack-signature";

// Slack's own example from "Verifying requests from Slack" (api.slack.com/authentication/verifying-requests-from-slack).
const DOCUMENTED = {
  signingSecret: "8f742231b10e8888abcd99yyyzzz85a5",
  timestamp: "1531420618",
  rawBody:
    "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c",
  signature: "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
};

describe("verifySlackSignature", () => {
  it("accepts Slack's documented signing example", async () => {
    expect(await verifySlackSignature({ ...DOCUMENTED, nowSeconds: 1531420618 + 10 })).toEqual({
      ok: true,
    });
    expect(
      await signSlackRequest(DOCUMENTED.signingSecret, DOCUMENTED.timestamp, DOCUMENTED.rawBody),
    ).toBe(DOCUMENTED.signature);
  });

  it("rejects a body changed by one character", async () => {
    const result = await verifySlackSignature({
      ...DOCUMENTED,
      rawBody: DOCUMENTED.rawBody.replace("roadrunner", "roadrunnex"),
      nowSeconds: 1531420618,
    });
    expect(result).toEqual({ ok: false, reason: "mismatch" });
  });

  it("rejects the wrong secret and a truncated signature", async () => {
    expect(
      await verifySlackSignature({ ...DOCUMENTED, signingSecret: "x", nowSeconds: 1531420618 }),
    ).toEqual({ ok: false, reason: "mismatch" });
    expect(
      await verifySlackSignature({
        ...DOCUMENTED,
        signature: DOCUMENTED.signature.slice(0, -1),
        nowSeconds: 1531420618,
      }),
    ).toEqual({ ok: false, reason: "mismatch" });
  });

  it("rejects timestamps more than five minutes old or ahead", async () => {
    for (const nowSeconds of [1531420618 + 301, 1531420618 - 301]) {
      expect(await verifySlackSignature({ ...DOCUMENTED, nowSeconds })).toEqual({
        ok: false,
        reason: "stale",
      });
    }
    expect(await verifySlackSignature({ ...DOCUMENTED, nowSeconds: 1531420618 + 300 })).toEqual({
      ok: true,
    });
  });

  it("rejects missing headers and a timestamp that is not a number", async () => {
    const now = 1531420618;
    expect(
      await verifySlackSignature({ ...DOCUMENTED, signature: undefined, nowSeconds: now }),
    ).toEqual({ ok: false, reason: "missing" });
    expect(
      await verifySlackSignature({ ...DOCUMENTED, timestamp: "1531420618.5", nowSeconds: now }),
    ).toEqual({ ok: false, reason: "missing" });
  });
});
