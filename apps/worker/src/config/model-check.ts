import type { ConfigCheck } from "@molt/contracts";
import { createLanguageModel, createNamedLanguageModel } from "../model/create-language-model";
import { checkFix, type StackPlace } from "./setting-fix";
import { describeProblems, malformedNames, type WorkerConfig } from "./worker-config";

const MODEL_SETTINGS = ["MODEL", "OPENAI_BASE_URL", "MODELS", "MODEL_FALLBACKS"] as const;

/**
 * The dashboard row for the models: the default must be usable; every model on offer
 * (`MODELS`) and every fallback (`MODEL_FALLBACKS`) must be buildable too, or it is named here
 * (turns leave such a fallback out, and a person cannot get an answer from such a pick).
 */
export function modelConfigCheck(config: WorkerConfig, ai: Ai, place: StackPlace): ConfigCheck {
  const { values } = config;
  const model = createLanguageModel(values, ai);
  const problems = describeProblems(config, MODEL_SETTINGS);
  const unusable = [
    ...values.MODELS.map((name) => ({ name, setting: "MODELS" })),
    ...values.MODEL_FALLBACKS.map((name) => ({ name, setting: "MODEL_FALLBACKS" })),
  ].flatMap(({ name, setting }) => {
    const built = createNamedLanguageModel(name, values, ai, undefined, setting);
    return built.ok
      ? []
      : [{ names: built.names, message: `${setting} ${name}: ${built.message}` }];
  });
  if (!model.ok || problems.length > 0 || unusable.length > 0) {
    const malformed = malformedNames(config, MODEL_SETTINGS);
    const names = model.ok ? malformed : [...model.names, ...malformed];
    return {
      name: "model",
      ok: false,
      detail: [model.ok ? "" : model.message, ...problems, ...unusable.map((u) => u.message)]
        .filter(Boolean)
        .join("; "),
      ...checkFix([...names, ...unusable.flatMap((u) => u.names)], place),
    };
  }
  const detail = [
    model.label,
    values.MODELS.length > 0 ? `also on offer: ${values.MODELS.join(", ")}` : "",
    values.MODEL_FALLBACKS.length > 0 ? `fallbacks: ${values.MODEL_FALLBACKS.join(", ")}` : "",
  ];
  return { name: "model", ok: true, detail: detail.filter(Boolean).join("; ") };
}
