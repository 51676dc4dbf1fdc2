import { readFileSync } from "node:fs";
import { type TelegramUpdate, telegramUpdateSchema } from "./telegram-update";

const FIXTURES_DIR = new URL("../../../../tests/fixtures/telegram/", import.meta.url);

/** Reads a recorded update and parses it the way the webhook route will. */
export function loadTelegramFixture(name: string): TelegramUpdate {
  const json: unknown = JSON.parse(readFileSync(new URL(`${name}.json`, FIXTURES_DIR), "utf8"));
  return telegramUpdateSchema.parse(json);
}
