import { type CommandName, toOfferedCommandName } from "@molt/contracts";

/** Console messages are typed text: `/status` or `/new please` become commands, the rest is chat. */
export function parseCommandText(text: string): { name: CommandName; args: string } | undefined {
  const match = /^\/([a-z]+)(?:\s+([\s\S]*))?$/i.exec(text.trim());
  if (!match?.[1]) return undefined;
  const name = toOfferedCommandName(match[1], "web");
  return name ? { name, args: match[2]?.trim() ?? "" } : undefined;
}
