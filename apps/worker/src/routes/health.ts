import type { Health } from "@molt/contracts";
import { Hono } from "hono";
import { VERSION } from "../version";

export const healthRoutes = new Hono<{ Bindings: Env }>().get("/health", (c) => {
  const body: Health = { ok: true, version: VERSION };
  return c.json(body);
});
