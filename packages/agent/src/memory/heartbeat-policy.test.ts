import { describe, expect, it } from "vitest";
import { hasHeartbeatItems, isHeartbeatOk, isWithinActiveHours } from "./heartbeat-policy";
import { WORKSPACE_TEMPLATES } from "./workspace-files";

describe("heartbeat policy", () => {
  it("stays quiet over the template and acts on list items", () => {
    expect(hasHeartbeatItems(WORKSPACE_TEMPLATES["HEARTBEAT.md"] ?? "")).toBe(false);
    expect(hasHeartbeatItems("# Checks\n- is the backup older than a day?")).toBe(true);
  });

  it("keeps to active hours, also across midnight", () => {
    expect(isWithinActiveHours(7, "8-22")).toBe(false);
    expect(isWithinActiveHours(8, "8-22")).toBe(true);
    expect(isWithinActiveHours(22, "8-22")).toBe(false);
    expect(isWithinActiveHours(23, "22-6")).toBe(true);
    expect(isWithinActiveHours(12, "22-6")).toBe(false);
  });

  it("recognizes the silent answer", () => {
    expect(isHeartbeatOk(" HEARTBEAT_OK. ")).toBe(true);
    expect(isHeartbeatOk("Your backup is 3 days old.")).toBe(false);
  });
});
