import { estimateTokens } from "@molt/agent";
import { fakeModel, fakeTelegram, type ModelRequest, type ScriptedReply } from "./fakes";
import { newAllowedPersonId, privateTextUpdate } from "./telegram-updates";
import { postTelegramUpdate } from "./worker-api";

/** What one model request of a turn cost in prompt: system text and tool schemas. */
export interface RequestPrompt {
  systemTokens: number;
  toolTokens: number;
  tools: string[];
}

/** Counted the same way as ever: `estimateTokens` of the system text and of the tools' JSON. */
export function promptOf(request: ModelRequest | undefined): RequestPrompt {
  const system = String(request?.body.messages.find((m) => m.role === "system")?.content ?? "");
  const tools = (request?.body.tools ?? []) as { function: { name: string } }[];
  return {
    systemTokens: estimateTokens(system),
    toolTokens: estimateTokens(JSON.stringify(request?.body.tools ?? [])),
    tools: tools.map((tool) => tool.function.name),
  };
}

export function totalOf(prompt: RequestPrompt): number {
  return prompt.systemTokens + prompt.toolTokens;
}

export interface MeasuredTurn {
  person: number;
  requests: RequestPrompt[];
  answer: string;
}

/**
 * One Telegram private turn of a new person, the model scripted; `text` must be unique to the
 * turn (its requests are found by it). Returns every model request of the turn, in order.
 */
export async function measureTurn(
  text: string,
  script: ScriptedReply[],
  person = newAllowedPersonId(),
  replies = 1,
): Promise<MeasuredTurn> {
  if (script.length > 0) await fakeModel.script(script);
  await postTelegramUpdate(privateTextUpdate(person, text));
  const sent = await fakeTelegram.waitForMessages(person, replies, 20_000);
  // Every step of the turn, tool round trips included: its last user message is `text`.
  const requests = (await fakeModel.requests()).filter((request) =>
    JSON.stringify(request.body.messages.findLast((m) => m.role === "user")).includes(text),
  );
  return {
    person,
    requests: requests.map(promptOf),
    answer: String(sent.at(-1)?.params.text ?? ""),
  };
}
