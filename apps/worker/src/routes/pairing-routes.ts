import {
  type ApprovePairingResult,
  approvePairingBodySchema,
  type DenyPairingResult,
  describeChannelIdentity,
  type PairingRequestList,
  pairingCodeSchema,
  type RevokeIdentityResult,
} from "@molt/contracts";
import { Hono } from "hono";
import { sendNoticeInBackground } from "../channels/reply-channel";
import { getDirectory } from "../directory/directory";
import { AppError } from "../errors";
import type { AdminEnv } from "./admin-env";
import { parseJsonBody, parseParam } from "./json-body";

export const pairingRoutes = new Hono<AdminEnv>()
  .get("/pairing", async (c) => {
    const requests = await getDirectory(c.env).listPairingRequests();
    // The sender's name is whatever they typed into their profile; the channel identity is who
    // the channel says they are, and is what the operator approves.
    const body: PairingRequestList = {
      requests: requests.map((request) => ({
        ...request,
        channelIdentity: describeChannelIdentity(request.identity),
      })),
    };
    return c.json(body);
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
    c.set("auditTarget", result.identity);
    c.set("auditDetail", `${code} as user ${result.userId}`);
    const approved: ApprovePairingResult = { userId: result.userId, identity: result.identity };
    return c.json(approved);
  })
  .post("/pairing/:code/deny", async (c) => {
    const code = parseParam(pairingCodeSchema, c.req.param("code"), "pairing code");
    if (!(await getDirectory(c.env).denyPairing(code))) {
      throw new AppError("not_found", `No pairing request with code ${code}.`);
    }
    c.set("auditTarget", code);
    const denied: DenyPairingResult = { denied: code };
    return c.json(denied);
  })
  .delete("/identities/:identity", async (c) => {
    const identity = c.req.param("identity");
    if (!(await getDirectory(c.env).revokeIdentity(identity))) {
      throw new AppError("not_found", `No approved identity ${identity}.`);
    }
    c.set("auditTarget", identity);
    const revoked: RevokeIdentityResult = { revoked: identity };
    return c.json(revoked);
  });
