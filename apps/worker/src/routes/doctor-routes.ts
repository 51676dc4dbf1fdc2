import { Hono } from "hono";
import { runDoctor } from "../doctor/run-doctor";
import type { AdminEnv } from "./admin-env";

/**
 * `POST /api/doctor`: every real binding checked once, with a time and a fix per check. A POST
 * because it writes and starts things (a scratch R2 object, the doctor's computer, a browser).
 */
export const doctorRoutes = new Hono<AdminEnv>().post("/doctor", async (c) => {
  c.set("auditAction", "doctor.run");
  const report = await runDoctor(c.env, c.req.url);
  c.set("auditDetail", report.ok ? "all passed" : "some failed");
  return c.json(report);
});
