import type { ModelMessage } from "ai";
import type { ToolRisk } from "./approval-policy";

type UserPart = Exclude<Extract<ModelMessage, { role: "user" }>["content"], string>[number];

function isReceivedContent(part: UserPart): boolean {
  if (part.type === "file" || part.type === "image") return true;
  return part.type === "text" && part.text.includes("<web_content source=");
}

/**
 * True when content from outside is among the messages the model sees: a result of a tool that
 * brings outside content (web pages, received files, MCP results), or a file or image attached
 * to a person's message. The stored history counts too: an instruction planted by a page read in an
 * earlier turn is still in front of the model, so it still needs a person's eyes.
 */
export function hasUntrustedContent(
  messages: readonly ModelMessage[],
  riskOf: (toolName: string) => ToolRisk,
): boolean {
  for (const message of messages) {
    if (typeof message.content === "string") continue;
    if (message.role === "tool") {
      for (const part of message.content) {
        if (part.type === "tool-result" && riskOf(part.toolName).bringsUntrusted) return true;
      }
    } else if (message.role === "user") {
      // A received file or picture can carry instructions as much as a page can, and so can a
      // received document's text, which comes wrapped like a web page (`wrapWebContent`).
      if (message.content.some((part) => isReceivedContent(part))) return true;
    }
  }
  return false;
}
