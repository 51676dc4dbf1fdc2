import type { PersonModel } from "@molt/contracts";
import type { WorkerEnvValues } from "../config/worker-config";
import { defaultModelName, ownModelName, pickableModels } from "../model/model-catalog";
import type { AgentSettings } from "./agent-settings";

const MODEL_PICK_KEY = "model-pick";

/** The person's own pick from `MODELS`, or null when they use the default. */
export function readModelPick(settings: AgentSettings): string | null {
  return settings.text(MODEL_PICK_KEY);
}

export function describePersonModel(settings: AgentSettings, values: WorkerEnvValues): PersonModel {
  const pick = readModelPick(settings);
  return {
    current: ownModelName(values, pick),
    pick,
    default: defaultModelName(values),
    choices: pickableModels(values),
    fallbacks: values.MODEL_FALLBACKS,
  };
}

export type ModelPickResult =
  | { ok: true; model: PersonModel }
  | { ok: false; message: string; choices: string[] };

/**
 * Sets the person's model: one the operator offers (`MODEL` or `MODELS`), or null for the
 * default. Picking the default stores nothing, so a later change of `MODEL` reaches them.
 */
export function pickModel(
  settings: AgentSettings,
  values: WorkerEnvValues,
  name: string | null,
): ModelPickResult {
  const choices = pickableModels(values);
  if (name !== null && !choices.includes(name)) {
    return { ok: false, message: `${name} is not one of the models on offer.`, choices };
  }
  if (name === null || name === defaultModelName(values)) settings.delete(MODEL_PICK_KEY);
  else settings.setText(MODEL_PICK_KEY, name);
  return { ok: true, model: describePersonModel(settings, values) };
}
