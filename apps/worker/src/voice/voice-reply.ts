import {
  createOpenAICompatibleSpeech,
  type SpeechSynthesizer,
  type SpokenAudio,
  speakableText,
} from "@molt/agent";
import type { InboundMessage } from "@molt/contracts";
import { attachmentKey } from "../agent/outbox-attachment";
import type { TurnAttachment } from "../browser/build-web-tools";
import { readWorkerConfig } from "../config/worker-config";
import { elapsedMs, logEvent } from "../observability/log-event";

/** Longer answers stay text only: a voice note of minutes is harder to use than the words. */
export const VOICE_REPLY_MAX_CHARS = 600;
/** Workers AI's Deepgram Aura speaks and can return OGG/Opus, which is a Telegram voice note. */
export const WORKERS_AI_SPEECH_MODEL = "@cf/deepgram/aura-1";

/** Whether the person spoke to the agent: their message came as a voice note. */
export function spokeByVoice(message: InboundMessage): boolean {
  return message.attachments?.some((attachment) => attachment.kind === "voice") ?? false;
}

/** Workers AI text-to-speech on the `AI` binding, asked for OGG/Opus. */
export function createWorkersAiSpeech(ai: Ai): SpeechSynthesizer {
  return {
    async synthesize(text) {
      const response = await ai.run(
        WORKERS_AI_SPEECH_MODEL,
        { text, encoding: "opus", container: "ogg" },
        { returnRawResponse: true },
      );
      if (!response.ok) throw new Error(`Workers AI speech failed: HTTP ${response.status}`);
      return {
        bytes: new Uint8Array(await response.arrayBuffer()),
        contentType: "audio/ogg",
        fileName: "answer.ogg",
      };
    },
  };
}

function speechFor(env: Env): SpeechSynthesizer {
  const { values } = readWorkerConfig(env);
  return values.TTS_BASE_URL
    ? createOpenAICompatibleSpeech({
        baseUrl: values.TTS_BASE_URL,
        fetch: (input, init) => fetch(input, init),
      })
    : createWorkersAiSpeech(env.AI);
}

/**
 * The voice note that goes with a text answer, when the person spoke to the agent, voice
 * replies are on (`VOICE_REPLIES`) and the answer is short. The audio is stored in R2 like any
 * outbox attachment. A failure to speak is logged and the answer goes as text alone: the words
 * matter more than the voice.
 */
export async function voiceReplyAttachment(
  env: Env,
  userId: string,
  message: InboundMessage,
  answer: string,
): Promise<TurnAttachment | undefined> {
  if (message.channel === "console" || !spokeByVoice(message)) return undefined;
  if (readWorkerConfig(env).values.VOICE_REPLIES === "off") return undefined;
  const text = speakableText(answer);
  if (text === "" || text.length > VOICE_REPLY_MAX_CHARS) return undefined;
  const startedAt = Date.now();
  const key = attachmentKey(userId, crypto.randomUUID(), "ogg");
  let audio: SpokenAudio;
  try {
    audio = await speechFor(env).synthesize(text);
    await env.WORKSPACES.put(key, audio.bytes, {
      httpMetadata: { contentType: audio.contentType },
    });
  } catch (error) {
    const reason = error instanceof Error ? error.name : "unknown";
    logEvent("turn", { userId, inboxId: message.id, voice: "failed", reason }, "warn");
    return undefined;
  }
  logEvent("turn", {
    userId,
    inboxId: message.id,
    voice: "spoken",
    durationMs: elapsedMs(startedAt),
  });
  return { key, fileName: audio.fileName, contentType: audio.contentType, kind: "voice" };
}
