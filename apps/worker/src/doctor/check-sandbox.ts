import { execResultSchema, readFileResultSchema, writeFileResultSchema } from "@molt/contracts";
import { createManagedSandbox } from "../sandbox/create-sandbox";
import type { SandboxState } from "../sandbox/managed-sandbox";
import { R2WorkspaceStore } from "../workspace/r2-workspace-store";
import { type DoctorCheckDefinition, describeError, failed, ok } from "./doctor-check";

/** The computer the check starts: its own user, so nobody's workspace is touched. */
export const DOCTOR_SANDBOX_USER = "doctor";
const PROBE_FILE = "doctor-probe.txt";

/**
 * Starts user `doctor`'s computer, runs `echo`, writes and reads a file, and leaves it to sleep
 * after the configured idle time. Nothing is synced back to R2: the check ends no turn.
 */
export const sandboxCheck: DoctorCheckDefinition = {
  name: "sandbox",
  // A cold container start with the workspace restore can take a minute.
  timeoutMs: 120_000,
  async run({ env, values, where }) {
    let saved: SandboxState | undefined;
    const sandbox = createManagedSandbox(
      env,
      DOCTOR_SANDBOX_USER,
      {
        load: () => saved,
        save: (state) => {
          saved = state;
        },
      },
      new R2WorkspaceStore(env.WORKSPACES, DOCTOR_SANDBOX_USER),
    );
    const fix =
      where === "local"
        ? "The local sandbox host runs beside `pnpm dev` (SANDBOX_LOCAL_URL); restart `npx -y pnpm@10.34.8 dev` and read its output."
        : "Containers need the Workers Paid plan and an image pushed by `npx -y pnpm@10.34.8 run deploy` (Docker running on the deploying machine); the first start after a deploy can take minutes while the image is distributed.";
    const started = Date.now();
    try {
      await sandbox.ensureStarted();
    } catch (error) {
      return failed(`The computer did not start: ${describeError(error)}`, fix);
    }
    const startMs = Date.now() - started;
    try {
      const echo = await sandbox.call("/exec", { command: "echo doctor-ok" }, execResultSchema);
      if (echo.exitCode !== 0 || echo.stdout.trim() !== "doctor-ok") {
        return failed(`echo answered exit ${echo.exitCode}: ${echo.stderr.slice(0, 200)}`, fix);
      }
      const content = `written at ${new Date().toISOString()}`;
      await sandbox.call("/files/write", { path: PROBE_FILE, content }, writeFileResultSchema);
      const read = await sandbox.call("/files/read", { path: PROBE_FILE }, readFileResultSchema);
      if (read.content !== content) return failed("The file read back differs.", fix);
      await sandbox.call("/exec", { command: `rm -f ${PROBE_FILE}` }, execResultSchema);
    } catch (error) {
      return failed(`The computer started but a call failed: ${describeError(error)}`, fix);
    }
    const kind = sandbox.kind === "local" ? "local sandbox host" : "Cloudflare container";
    const sleep = values.SANDBOX_LOCAL_URL
      ? ""
      : `; it sleeps after ${values.SANDBOX_SLEEP_AFTER ?? "10m"} idle`;
    return ok(
      `Started user ${DOCTOR_SANDBOX_USER}'s computer (${kind}) in ${startMs} ms, ran echo, wrote and read a file${sleep}.`,
    );
  },
};
