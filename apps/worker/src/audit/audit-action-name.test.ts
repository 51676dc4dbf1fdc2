import { describe, expect, it } from "vitest";
import { deriveActionName } from "./audit-action-name";

describe("deriveActionName", () => {
  it.each([
    ["POST", "/api/pairing/:code/approve", "pairing.approve"],
    ["PUT", "/api/users/:userId/files/content", "file.write"],
    ["POST", "/api/users/:userId/sandbox/restart", "sandbox.restart"],
    ["POST", "/api/users/:userId/sandbox/destroy", "sandbox.destroy"],
    ["DELETE", "/api/users/:userId/schedules/:scheduleId", "schedule.cancel"],
    ["DELETE", "/api/users/:userId/widgets/:id", "widgets.delete"],
    ["DELETE", "/api/identities/:identity", "identity.revoke"],
  ])("%s %s is %s", (method, pattern, name) => {
    expect(deriveActionName(method, pattern)).toBe(name);
  });
});
