import { type CommandName, toOfferedCommandName } from "@molt/contracts";
import type { TelegramMessageEntity } from "./telegram-update";

/** A `/command` or `/command@bot_username` at the very start of a message. */
export interface LeadingTelegramCommand {
  /** Lower-cased command name without the slash, e.g. `start`. */
  name: string;
  /** The `@bot_username` suffix without the `@`, when the command names a bot. */
  targetUsername: string | undefined;
  /** Where the `@bot_username` suffix sits in the text, so it can be cut out. */
  targetRange: { start: number; end: number } | undefined;
}

/**
 * Telegram marks commands with a `bot_command` entity; trusting it (rather than re-parsing the
 * text) keeps us in line with what the user's client showed as a command.
 */
export function findLeadingTelegramCommand(
  text: string,
  entities: readonly TelegramMessageEntity[],
): LeadingTelegramCommand | undefined {
  const entity = entities.find((e) => e.type === "bot_command" && e.offset === 0);
  if (entity === undefined || !text.startsWith("/")) return undefined;
  const body = text.slice(1, entity.length);
  const at = body.indexOf("@");
  if (at === -1) {
    return { name: body.toLowerCase(), targetUsername: undefined, targetRange: undefined };
  }
  return {
    name: body.slice(0, at).toLowerCase(),
    targetUsername: body.slice(at + 1),
    targetRange: { start: 1 + at, end: entity.length },
  };
}

export function toKnownCommandName(name: string): CommandName | undefined {
  return toOfferedCommandName(name, "telegram");
}

/** Telegram usernames are case-insensitive, and users type them in any case. */
export function isSameTelegramUsername(a: string, b: string | undefined): boolean {
  return b !== undefined && a.toLowerCase() === b.toLowerCase();
}
