import { env, runInDurableObject } from "cloudflare:test";
import type { InboundMessage } from "@molt/contracts";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { sampleVoiceNote } from "../../../tests/fakes/media-samples";
import type { UserAgent } from "../src/agent/user-agent";
import { fakeModel, fakeTelegram, resetFakes } from "./support/fakes";
import { fakeFiles } from "./support/media";
import { newAllowedPersonId, privateTextUpdate } from "./support/telegram-updates";
import { postTelegramUpdate } from "./support/worker-api";

beforeAll(resetFakes);

interface SpeechRequest {
  input: string;
  format: string;
  status: number;
}

async function speechRequests(): Promise<SpeechRequest[]> {
  const base = inject("fakeUrls").OPENAI_BASE_URL.replace(/\/v1$/, "");
  return (await fetch(`${base}/__control/speech`)).json() as Promise<SpeechRequest[]>;
}

/** A person who has talked to the agent once, so their UserAgent exists; returns its id. */
async function knownPerson(): Promise<{ person: number; userId: string }> {
  const person = newAllowedPersonId();
  const response = await postTelegramUpdate(privateTextUpdate(person, "voice-warmup"));
  const { userId } = (await response.json()) as { userId: string };
  await fakeTelegram.waitForMessages(person, 1);
  return { person, userId };
}

let nextVoice = 0;

/**
 * Records a voice message in the person's agent as the Telegram webhook does (a `voice`
 * attachment, its file on the fake Telegram), with `settings` laid over the agent's env.
 */
async function receiveVoiceMessage(
  userId: string,
  person: number,
  text: string,
  settings: Partial<Record<keyof Env, string>> = {},
) {
  const fileId = `voice-reply-${Date.now()}-${nextVoice++}`;
  await fakeFiles.putTelegramFile(fileId, {
    bytes: sampleVoiceNote(text),
    fileName: "voice.oga",
  });
  const message: InboundMessage = {
    id: `telegram:update:voice-${crypto.randomUUID()}`,
    channel: "telegram",
    identity: `telegram:${person}`,
    conversationKey: `telegram:${person}`,
    isGroup: false,
    address: { channel: "telegram", chatId: String(person) },
    text,
    attachments: [
      {
        kind: "voice",
        source: { channel: "telegram", fileId },
        mimeType: "audio/ogg",
        durationSeconds: 2,
      },
    ],
    receivedAt: Date.now(),
  };
  const stub = env.UserAgent.get(env.UserAgent.idFromName(userId));
  return runInDurableObject(stub, (instance: UserAgent) => {
    const agent = instance as unknown as { env: Env };
    agent.env = { ...agent.env, ...settings } as Env;
    return instance.receive(message);
  });
}

function voiceNotesTo(person: number) {
  return fakeTelegram
    .calls("sendVoice")
    .then((calls) => calls.filter((call) => String(call.params.chat_id) === String(person)));
}

describe("voice replies", () => {
  it("answers a voice message with a voice note and the text", async () => {
    const { person, userId } = await knownPerson();
    await fakeModel.script([{ text: "Sure, **tomorrow** at [nine](https://example.com)." }]);
    await receiveVoiceMessage(userId, person, "voice-question: when do we meet?");
    const [, answer] = await fakeTelegram.waitForMessages(person, 2);
    expect(answer?.params.text).toContain("tomorrow");
    const [voice] = await voiceNotesTo(person);
    expect(voice?.status).toBe(200);
    expect(voice?.params.voice).toMatchObject({ fileName: "answer.ogg" });
    expect(voice?.at).toBeLessThanOrEqual(answer?.at ?? 0);
    const spoken = (await speechRequests()).find((r) => r.input.includes("tomorrow"));
    expect(spoken).toMatchObject({ input: "Sure, tomorrow at nine.", format: "opus" });
  });

  it("answers in text only when VOICE_REPLIES is off", async () => {
    const { person, userId } = await knownPerson();
    await fakeModel.script([{ text: "voice-off answer" }]);
    await receiveVoiceMessage(userId, person, "voice-off question", { VOICE_REPLIES: "off" });
    const [, answer] = await fakeTelegram.waitForMessages(person, 2);
    expect(answer?.params.text).toContain("voice-off answer");
    expect(await voiceNotesTo(person)).toEqual([]);
  });

  it("answers in text only for a person who said /voice off", async () => {
    const { person, userId } = await knownPerson();
    await postTelegramUpdate(privateTextUpdate(person, "/voice off"));
    const [, confirmation] = await fakeTelegram.waitForMessages(person, 2);
    expect(confirmation?.params.text).toContain("text only");
    await fakeModel.script([{ text: "muted answer" }]);
    await receiveVoiceMessage(userId, person, "voice-muted question");
    const [, , answer] = await fakeTelegram.waitForMessages(person, 3);
    expect(answer?.params.text).toContain("muted answer");
    expect(await voiceNotesTo(person)).toEqual([]);
  });

  it("keeps a long answer in text only", async () => {
    const { person, userId } = await knownPerson();
    await fakeModel.script([{ text: `long-voice ${"many words here ".repeat(60)}` }]);
    await receiveVoiceMessage(userId, person, "voice-long question");
    const [, answer] = await fakeTelegram.waitForMessages(person, 2);
    expect(String(answer?.params.text)).toContain("long-voice");
    expect(await voiceNotesTo(person)).toEqual([]);
  });

  it("does not speak when the person typed", async () => {
    const { person } = await knownPerson();
    await postTelegramUpdate(privateTextUpdate(person, "typed-question"));
    await fakeTelegram.waitForMessages(person, 2);
    expect(await voiceNotesTo(person)).toEqual([]);
  });
});
