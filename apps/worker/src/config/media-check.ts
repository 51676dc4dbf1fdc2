import { checkFix, type StackPlace } from "./setting-fix";
import { describeProblems, malformedNames, type WorkerConfig } from "./worker-config";

const MEDIA_SETTINGS = [
  "WORKERS_AI_REST_URL",
  "IMAGE_INPUT_MODELS",
  "VISION_MODEL",
  "TRANSCRIPTION_MODEL",
] as const;

/** The dashboard row for received files: who transcribes, converts and describes them. */
export function mediaConfigCheck(config: WorkerConfig, place: StackPlace) {
  const problems = describeProblems(config, MEDIA_SETTINGS);
  if (problems.length > 0) {
    const malformed = malformedNames(config, MEDIA_SETTINGS);
    return { name: "media", ok: false, detail: problems.join("; "), ...checkFix(malformed, place) };
  }
  const { values } = config;
  const workersAi = values.WORKERS_AI_REST_URL
    ? `Workers AI at ${values.WORKERS_AI_REST_URL}`
    : "Workers AI (AI binding)";
  const detail = [
    `voice notes: ${values.TRANSCRIPTION_MODEL ?? `${workersAi} Whisper`}`,
    `documents: ${workersAi} toMarkdown`,
    values.VISION_MODEL
      ? `pictures for text-only models described by ${values.VISION_MODEL}`
      : "pictures for text-only models not described",
    values.SHOW_TRANSCRIPT ? "transcripts quoted" : "transcripts not quoted",
  ].join("; ");
  return { name: "media", ok: true, detail };
}
