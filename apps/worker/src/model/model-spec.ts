import { z } from "zod";

export const MODEL_PROVIDERS = ["workers-ai", "openai", "anthropic", "openai-compatible"] as const;

export const modelSpecSchema = z
  .string()
  .regex(/^[a-z-]+\/.+$/, "MODEL must look like provider/model, e.g. openai/gpt-5-mini")
  .transform((value) => {
    const slash = value.indexOf("/");
    return { provider: value.slice(0, slash), modelId: value.slice(slash + 1) };
  })
  .pipe(z.object({ provider: z.enum(MODEL_PROVIDERS), modelId: z.string().min(1) }));

export type ModelSpec = z.infer<typeof modelSpecSchema>;
