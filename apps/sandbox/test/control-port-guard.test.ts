import { spawnSync } from "node:child_process";
import { chmod, mkdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTempDir } from "./runtime-harness";

// The container's entry point refuses the agent's user the SDK's control port. Tried here in a
// network namespace of its own (root only), with a stand-in control server on port 3000: what it
// cannot show is that Cloudflare's containers grant the capability the rule needs.
const GUARD = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../container/guard-control-port.sh",
);
const runsAsRoot = process.getuid?.() === 0;
const AGENT = "setpriv --reuid 10001 --regid 10001 --clear-groups";
const SCRIPT_TIMEOUT_MS = 30_000;

let dir = "";
beforeAll(async () => {
  dir = await makeTempDir("molt-guard-");
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Runs a shell script in a fresh network namespace; its servers end with it. */
function inNetworkNamespace(script: string): string {
  const result = spawnSync(
    "unshare",
    ["--net", "--fork", "--kill-child", "/bin/sh", "-c", script],
    {
      encoding: "utf8",
      timeout: SCRIPT_TIMEOUT_MS,
    },
  );
  if (result.status !== 0) throw new Error(`namespace script failed: ${result.stderr}`);
  return result.stdout;
}

const serve = (port: number, answer: string) =>
  `node -e "require('http').createServer((q, s) => s.end('${answer}')).listen(${port}, '0.0.0.0')" </dev/null >/dev/null 2>&1 & servers="$servers $!"; `;
const probe = (who: string, port: number) =>
  `echo "${who}:${port}:$(${who === "agent" ? AGENT : ""} curl -s -m 3 http://127.0.0.1:${port}/ || echo refused)"; `;

describe.runIf(runsAsRoot)("the container's control-port guard", () => {
  it("refuses the agent's user the control port, and only that port", () => {
    expect(spawnSync("iptables", ["--version"]).status, "apt-get install iptables").toBe(0);
    const status = path.join(dir, "on");
    const output = inNetworkNamespace(
      [
        'servers=""; ip link set lo up; ',
        `SANDBOX_GUARD_STATUS_FILE=${status} sh ${GUARD}; `,
        serve(3000, "control"),
        serve(3001, "agent-server"),
        "for i in $(seq 100); do curl -s -m 1 http://127.0.0.1:3001/ >/dev/null && curl -s -m 1 http://127.0.0.1:3000/ >/dev/null && break; sleep 0.1; done; ",
        probe("root", 3000),
        probe("agent", 3000),
        probe("agent", 3001),
        "kill $servers",
      ].join(""),
    );
    expect(output).toContain("root:3000:control");
    expect(output).toContain("agent:3000:refused");
    expect(output).toContain("agent:3001:agent-server");
    return expect(readFile(status, "utf8")).resolves.toBe("on\n");
  });

  it("says so when the rule cannot be set, and still starts what it was given", async () => {
    // A directory the unprivileged user may write its status to.
    const writable = path.join(dir, "agent-writable");
    await mkdir(writable, { mode: 0o777 });
    await chmod(writable, 0o777);
    const status = path.join(writable, "off");
    const result = spawnSync(
      "/bin/sh",
      ["-c", `${AGENT} env SANDBOX_GUARD_STATUS_FILE=${status} sh ${GUARD} echo started`],
      { encoding: "utf8", timeout: SCRIPT_TIMEOUT_MS },
    );
    expect(result.stdout).toBe("started\n");
    expect(result.stderr).toContain("can reach the sandbox control port 3000");
    expect(await readFile(status, "utf8")).toMatch(/^off: iptables: /);
  });
});
