import { DEV_MODEL_ID } from "@molt/agent";
import type { WorkerEnvValues } from "../config/worker-config";

/**
 * Models known to take images as input, by `provider/model` pattern. A model not listed here
 * is treated as text-only unless IMAGE_INPUT_MODELS names it (an operator knows their
 * OpenAI-compatible server; we cannot ask it).
 */
const KNOWN_IMAGE_MODELS: readonly RegExp[] = [
  /^openai\/(gpt-4o|gpt-4\.1|gpt-4-turbo|gpt-5|o1|o3|o4)/,
  /^anthropic\/claude-(3|sonnet-4|opus-4|haiku-4|3-5|3-7)/,
  /^workers-ai\/@cf\/meta\/llama-3\.2-11b-vision-instruct$/,
  /^workers-ai\/@cf\/meta\/llama-4-scout-17b-16e-instruct$/,
  /^workers-ai\/@cf\/google\/gemma-3-12b-it$/,
  /^workers-ai\/@cf\/mistralai\/mistral-small-3\.1-24b-instruct$/,
];

/** Whether a turn on this model may carry pictures as image parts. */
export function modelAcceptsImages(label: string, values: WorkerEnvValues): boolean {
  const listed = values.IMAGE_INPUT_MODELS;
  if (listed.includes("none")) return false;
  if (listed.includes(label)) return true;
  // The offline dev model reports what it was given, pictures included.
  if (label === DEV_MODEL_ID) return true;
  return KNOWN_IMAGE_MODELS.some((pattern) => pattern.test(label));
}
