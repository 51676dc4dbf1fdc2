import { Hono } from "hono";
import { telegramSettings } from "../config/require-config";
import { readWorkerConfig } from "../config/worker-config";
import type { AdminVariables } from "../middleware/access-auth";
import { createLanguageModel } from "../model/create-language-model";

type AdminEnv = { Bindings: Env; Variables: AdminVariables };

interface ConfigCheck {
  name: string;
  ok: boolean;
  detail: string;
  /** The commands that fix it, for what is missing. */
  fix?: string[];
}

/** What the dashboard shows: each part of the product and whether its settings are in place. */
export const configRoutes = new Hono<AdminEnv>().get("/config", (c) => {
  const config = readWorkerConfig(c.env);
  if (!config.ok) {
    return c.json({
      admin: c.get("adminEmail"),
      devMode: c.get("devMode"),
      checks: config.problems.map((problem) => ({
        name: problem.names.join(", "),
        ok: false,
        detail: problem.message,
      })),
    });
  }
  const telegram = telegramSettings(config.values);
  const model = createLanguageModel(config.values, c.env.AI);
  const checks: ConfigCheck[] = [
    telegram.ok
      ? { name: "telegram", ok: true, detail: "bot token and webhook secret set" }
      : {
          name: "telegram",
          ok: false,
          detail: `missing ${telegram.missing.join(", ")}`,
          fix: telegram.missing.map((name) => `wrangler secret put ${name}`),
        },
    model.ok
      ? { name: "model", ok: true, detail: model.label }
      : {
          name: "model",
          ok: false,
          detail: model.message,
          fix: model.names.map((name) => `wrangler secret put ${name}`),
        },
  ];
  return c.json({ admin: c.get("adminEmail"), devMode: c.get("devMode"), checks });
});
