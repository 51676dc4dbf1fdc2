import { Hono } from "hono";
import { VERSION } from "../version";

export const healthRoutes = new Hono<{ Bindings: Env }>().get("/health", (c) =>
  c.json({ ok: true, version: VERSION }),
);
