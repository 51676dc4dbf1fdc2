import {
  buildReceivedFilesContent,
  type ReceivedFile,
  type ReceivedFilesContent,
} from "@molt/agent";
import type { InboundMessage } from "@molt/contracts";
import type { WorkerEnvValues } from "../config/worker-config";
import { elapsedMs, logEvent } from "../observability/log-event";
import type { SandboxPort } from "../sandbox/sandbox-port";
import { R2WorkspaceStore } from "../workspace/r2-workspace-store";
import { createAttachmentFetcher } from "./fetch-attachment";
import { createOpenAITranscriber } from "./openai-transcriber";
import { type MediaServices, receiveAttachments } from "./receive-attachments";
import { shareReceivedFilesWithComputer } from "./share-with-computer";
import { createWorkersAiMedia, type WorkersAiMedia } from "./workers-ai-media";

/** What a turn with files hands the model, and what the answer starts with. */
export interface MediaTurn extends ReceivedFilesContent {
  files: ReceivedFile[];
  /** What was understood from voice notes, quoted at the top of the answer (SHOW_TRANSCRIPT). */
  transcriptQuote?: string;
}

export type PrepareMediaTurn = (
  message: InboundMessage,
  acceptsImages: boolean,
  signal: AbortSignal,
) => Promise<MediaTurn | undefined>;

/**
 * Whether content from outside the person entered this turn through a received file: a
 * picture, a document's text, a description, the words of an audio file. This is the one place
 * the media path says so; anything that treats such a turn with more care (approvals of risky
 * tools) reads it here.
 */
export function turnHasUntrustedContent(media: MediaTurn | undefined): boolean {
  return media?.untrustedContentEntered ?? false;
}

/** The media path of one person's agent: their workspace, the channels' files, Workers AI. */
export function createMediaTurnPreparer(
  env: Env,
  userId: string,
  values: WorkerEnvValues,
  computer?: Pick<SandboxPort, "status" | "call">,
): PrepareMediaTurn {
  return async (message, acceptsImages, signal) => {
    if (!message.attachments?.length) return undefined;
    const startedAt = Date.now();
    const workspace = new R2WorkspaceStore(env.WORKSPACES, userId);
    const files = await receiveAttachments(message, {
      workspace,
      fetchAttachment: createAttachmentFetcher(values, env.WORKSPACES),
      services: mediaServices(env, values),
      acceptsImages,
      signal,
    });
    if (computer) {
      // The files are in R2 already; a computer that misses them now gets them when it restarts.
      await shareReceivedFilesWithComputer(computer, workspace, files).catch((error: unknown) => {
        const reason = error instanceof Error ? error.name : "unknown";
        logEvent("media", { userId, inboxId: message.id, computer: "not_copied", reason }, "warn");
      });
    }
    const content = buildReceivedFilesContent(message.text, files);
    logEvent("media", {
      userId,
      inboxId: message.id,
      files: files.length,
      unreadable: files.filter((file) => file.problem).length,
      kinds: files.map((file) => file.kind).join(","),
      untrustedContent: content.untrustedContentEntered,
      durationMs: elapsedMs(startedAt),
    });
    const quote = values.SHOW_TRANSCRIPT ? quoteTranscripts(files) : undefined;
    return { ...content, files, ...(quote ? { transcriptQuote: quote } : {}) };
  };
}

function mediaServices(env: Env, values: WorkerEnvValues): MediaServices {
  const workersAi = createWorkersAiMedia({
    ai: env.AI,
    restUrl: values.WORKERS_AI_REST_URL,
    restToken: values.WORKERS_AI_API_TOKEN,
    visionModel: values.VISION_MODEL,
  });
  return {
    transcriber: chooseTranscriber(values, workersAi),
    converter: workersAi.converter,
    ...(workersAi.describer ? { describer: workersAi.describer } : {}),
  };
}

/**
 * Workers AI Whisper by default; OpenAI's endpoint when TRANSCRIPTION_MODEL names an OpenAI model
 * (at OPENAI_BASE_URL when set, which also serves OpenAI-compatible servers with Whisper).
 */
function chooseTranscriber(
  values: WorkerEnvValues,
  workersAi: WorkersAiMedia,
): MediaServices["transcriber"] {
  const model = values.TRANSCRIPTION_MODEL?.slice("openai/".length);
  if (!model) return workersAi.transcriber;
  if (!values.OPENAI_API_KEY && !values.OPENAI_BASE_URL) {
    return { unavailable: "transcription through OpenAI needs OPENAI_API_KEY" };
  }
  return createOpenAITranscriber({
    model,
    apiKey: values.OPENAI_API_KEY,
    baseUrl: values.OPENAI_BASE_URL,
  });
}

/** The words of the person's voice notes and video notes, as a quote to open the answer with. */
function quoteTranscripts(files: readonly ReceivedFile[]): string | undefined {
  const heard = files
    .filter((file) => file.kind !== "audio" && file.transcript !== undefined)
    .map((file) => `> 🎤 ${file.transcript?.trim() || "(nothing was said)"}`);
  return heard.length > 0 ? heard.join("\n>\n") : undefined;
}

/** The answer with what was understood from the voice notes quoted above it, when shown. */
export function withTranscriptQuote(media: MediaTurn | undefined, answer: string): string {
  return media?.transcriptQuote ? `${media.transcriptQuote}\n\n${answer}` : answer;
}

/**
 * One line per file that could not be used, said by the agent itself after the answer, so the
 * person learns it whatever the model made of it ("that file is 60 MB; the limit ... is 20 MB").
 */
export function mediaNoticeText(media: MediaTurn | undefined): string | undefined {
  const lines = (media?.files ?? [])
    .filter((file) => file.problem)
    .map((file) => `_I could not use “${file.fileName}”: ${file.problem}._`);
  return lines.length > 0 ? lines.join("\n") : undefined;
}
