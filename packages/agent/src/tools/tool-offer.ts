import { type LanguageModel, wrapLanguageModel } from "ai";

/** Which of a turn's tools the model is shown on its next call; asked again before every step. */
export interface ToolOffer {
  isOffered(toolName: string): boolean;
}

/**
 * The model as it is called with only the offered tools in each request. The turn still holds
 * every tool it may run, so a call to one that is not on offer (a model reusing a tool it saw
 * earlier in the session, or a skill that says "run its script with the shell") runs as it is
 * instead of failing as an unknown tool; what to offer next is up to the `ToolOffer`, read
 * before every step, so a toolset turned on in step N is in the request of step N+1.
 *
 * The AI SDK's own `activeTools` (and `prepareStep`) would also narrow the request, but it
 * narrows which calls are accepted in the same stroke, so such a call would fail and cost a
 * model round trip to repeat.
 */
export function offerTools(model: LanguageModel, offer: ToolOffer): LanguageModel {
  // A model named by a string is resolved by the AI SDK's global provider: nothing to wrap.
  if (typeof model === "string") return model;
  return wrapLanguageModel({
    model,
    middleware: {
      specificationVersion: "v4",
      transformParams: async ({ params }) => {
        if (!params.tools) return params;
        const tools = params.tools.filter(
          (tool) => tool.type !== "function" || offer.isOffered(tool.name),
        );
        return { ...params, tools: tools.length > 0 ? tools : undefined };
      },
    },
  });
}
