import { type CommandName, commandNameSchema } from "@molt/contracts";

/** Console messages are typed text: `/status` or `/new please` become commands, the rest is chat. */
export function parseCommandText(text: string): { name: CommandName; args: string } | undefined {
  const match = /^\/([a-z]+)(?:\s+([\s\S]*))?$/i.exec(text.trim());
  if (!match?.[1]) return undefined;
  const name = commandNameSchema.safeParse(match[1].toLowerCase());
  return name.success ? { name: name.data, args: match[2]?.trim() ?? "" } : undefined;
}
