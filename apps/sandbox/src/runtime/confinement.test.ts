import { describe, expect, it } from "vitest";
import { readConfinement, requireControlPortGuard } from "./confinement";

describe("the container's confinement", () => {
  const container = readConfinement({});

  it("runs commands only once the entry point closed the control port", () => {
    expect(requireControlPortGuard(container, {}, () => "on\n")).toEqual({ kind: "container" });
    const off = requireControlPortGuard(container, {}, () => "off: iptables: Permission denied\n");
    expect(off).toMatchObject({
      kind: "refused",
      reason: expect.stringContaining("Permission denied"),
    });
    const missing = requireControlPortGuard(container, {}, () => null);
    expect(missing).toMatchObject({
      kind: "refused",
      reason: expect.stringContaining("entry point did not run"),
    });
  });

  it("runs them unguarded only when the operator opted in by name", () => {
    const env = { SANDBOX_CONTROL_PORT_UNGUARDED_UNSAFE: "true" };
    expect(requireControlPortGuard(container, env, () => null)).toEqual({ kind: "container" });
  });
});
