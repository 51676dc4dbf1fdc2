import type { Channel, PersonModel } from "@molt/contracts";
import type { FailoverLog } from "../model/failover-model";
import { commandUsage } from "./command-replies";
import { describeModelError } from "./describe-error";
import type { ModelPickResult } from "./person-model";

/** Words that mean "go back to the default" after /model. */
const DEFAULT_WORDS = new Set(["default", "reset"]);

/** /model with no name: the models on offer, the person's own marked. */
export function modelListText(model: PersonModel, channel: Channel): string {
  const usage = commandUsage("model", channel);
  const lines = model.choices.map((name) => {
    const marks = [
      name === model.current ? "yours" : undefined,
      name === model.default ? "default" : undefined,
    ].filter(Boolean);
    return `• ${name}${marks.length > 0 ? ` (${marks.join(", ")})` : ""}`;
  });
  const howTo =
    model.choices.length > 1
      ? `Switch with ${usage} <name>; ${usage} default goes back to the default.`
      : "The operator offers no other models (MODELS).";
  return [`Your model: ${model.current}`, "Models you can use:", ...lines, howTo].join("\n");
}

/** What /model <name> means: null for the default words, else the name as typed. */
export function modelNameOf(args: string): string | null {
  const name = args.trim();
  return DEFAULT_WORDS.has(name.toLowerCase()) ? null : name;
}

export function modelPickedText(result: ModelPickResult, channel: Channel): string {
  if (result.ok) return `Your model is now ${result.model.current}.`;
  const usage = commandUsage("model", channel);
  return [
    `${result.message} Pick one of these with ${usage} <name>:`,
    ...result.choices.map((name) => `• ${name}`),
  ].join("\n");
}

/**
 * One short line under an answer that came (partly) from a fallback, so the person knows why
 * it may read differently; undefined when their own model answered everything.
 */
export function fallbackNoteText(own: string, log: FailoverLog | undefined): string | undefined {
  const others = log?.answeredBy.filter((label) => label !== own) ?? [];
  if (others.length === 0) return undefined;
  const failure = log?.failures.find((entry) => entry.model === own);
  const why = failure ? ` (${own}: ${describeModelError(failure.error)})` : "";
  return `_Answered by ${others.join(", ")}: your model was unavailable${why}._`;
}
