import { approvePairingBodySchema, pairingCodeSchema } from "@molt/contracts";
import { Hono } from "hono";
import { sendNoticeInBackground } from "../channels/reply-channel";
import { getDirectory } from "../directory/directory";
import { AppError } from "../errors";
import type { AdminVariables } from "../middleware/access-auth";
import { parseJsonBody, parseParam } from "./json-body";

type AdminEnv = { Bindings: Env; Variables: AdminVariables };

export const pairingRoutes = new Hono<AdminEnv>()
  .get("/pairing", async (c) => {
    return c.json({ requests: await getDirectory(c.env).listPairingRequests() });
  })
  .post("/pairing/:code/approve", async (c) => {
    const code = parseParam(pairingCodeSchema, c.req.param("code"), "pairing code");
    const body = await parseJsonBody(c, approvePairingBodySchema);
    const result = await getDirectory(c.env).approvePairing(code, {
      userId: body.userId,
      now: Date.now(),
    });
    if (!result.ok) {
      throw result.reason === "unknown_code"
        ? new AppError("not_found", `No pairing request with code ${code}.`)
        : new AppError("not_found", `No user ${body.userId} to attach the identity to.`);
    }
    sendNoticeInBackground(
      c.env,
      c.executionCtx,
      result.address,
      "You're approved! Say hello: I'm your personal agent now.",
    );
    return c.json({ userId: result.userId, identity: result.identity });
  })
  .post("/pairing/:code/deny", async (c) => {
    const code = parseParam(pairingCodeSchema, c.req.param("code"), "pairing code");
    if (!(await getDirectory(c.env).denyPairing(code))) {
      throw new AppError("not_found", `No pairing request with code ${code}.`);
    }
    return c.json({ denied: code });
  })
  .get("/users", async (c) => c.json({ users: await getDirectory(c.env).listUsers() }))
  .delete("/identities/:identity", async (c) => {
    const identity = c.req.param("identity");
    if (!(await getDirectory(c.env).revokeIdentity(identity))) {
      throw new AppError("not_found", `No approved identity ${identity}.`);
    }
    return c.json({ revoked: identity });
  });
