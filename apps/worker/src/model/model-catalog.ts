import { DEV_MODEL_ID } from "@molt/agent";
import type { WorkerEnvValues } from "../config/worker-config";
import {
  createLanguageModel,
  createNamedLanguageModel,
  type ModelChoice,
} from "./create-language-model";
import { createFailoverModel, type FailoverModelOptions, type NamedModel } from "./failover-model";

/** The default model's name: `MODEL`, or the offline dev model without one. */
export function defaultModelName(values: WorkerEnvValues): string {
  return values.MODEL ?? DEV_MODEL_ID;
}

/** What people may pick: the default first, then `MODELS`, each once. */
export function pickableModels(values: WorkerEnvValues): string[] {
  return [...new Set([defaultModelName(values), ...values.MODELS])];
}

/**
 * The model a person's turns use: their pick while the operator still offers it, else the
 * default (a pick the operator has since removed from `MODELS` quietly falls back).
 */
export function ownModelName(values: WorkerEnvValues, pick: string | null): string {
  return pick !== null && pickableModels(values).includes(pick) ? pick : defaultModelName(values);
}

/**
 * The person's model wrapped with `MODEL_FALLBACKS`: a call that fails with a rate limit, a
 * server error, a timeout or an unreachable provider is sent on to the next one. A fallback
 * that cannot be built (a key missing) is left out; the dashboard's model check names it.
 */
export function choosePersonModel(
  values: WorkerEnvValues,
  ai: Ai,
  pick: string | null,
  options: FailoverModelOptions & { fetch?: typeof globalThis.fetch } = {},
): ModelChoice {
  const own = ownModelName(values, pick);
  const primary =
    own === defaultModelName(values)
      ? createLanguageModel(values, ai, options.fetch)
      : createNamedLanguageModel(own, values, ai, options.fetch, "MODELS");
  if (!primary.ok) return primary;
  const chain: NamedModel[] = [{ label: primary.label, model: primary.model }];
  for (const name of values.MODEL_FALLBACKS) {
    if (chain.some((entry) => entry.label === name)) continue;
    const fallback = createNamedLanguageModel(name, values, ai, options.fetch, "MODEL_FALLBACKS");
    if (fallback.ok) chain.push({ label: fallback.label, model: fallback.model });
  }
  const { model, log } = createFailoverModel(chain, options);
  return { ok: true, model, label: primary.label, failover: log };
}
