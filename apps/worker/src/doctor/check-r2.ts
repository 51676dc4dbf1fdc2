import { type DoctorCheckDefinition, failed, ok } from "./doctor-check";

/** Scratch objects live outside `users/`, so no person's workspace is ever touched. */
export const DOCTOR_R2_PREFIX = "doctor/";

/** WORKSPACES: write, read back, list and delete one scratch object. */
export const r2Check: DoctorCheckDefinition = {
  name: "r2",
  timeoutMs: 15_000,
  async run({ env, where }) {
    const key = `${DOCTOR_R2_PREFIX}${crypto.randomUUID()}.txt`;
    const body = `doctor ${new Date().toISOString()}`;
    const fix =
      where === "local"
        ? "Local R2 lives in .wrangler/state; stop `pnpm dev`, check the disk is writable, start it again."
        : "Enable R2 on the account (dashboard → R2), then `npx -y pnpm@10.34.8 exec wrangler r2 bucket create molt-workspaces` (or run `npx -y pnpm@10.34.8 run deploy`, which creates it).";
    try {
      await env.WORKSPACES.put(key, body);
      const read = await env.WORKSPACES.get(key);
      const text = read ? await read.text() : undefined;
      if (text !== body) return failed(`Wrote ${key} but read back something else.`, fix);
      const listed = await env.WORKSPACES.list({ prefix: DOCTOR_R2_PREFIX });
      if (!listed.objects.some((object) => object.key === key)) {
        return failed(`Wrote ${key} but the list did not show it.`, fix);
      }
    } finally {
      await env.WORKSPACES.delete(key).catch(() => undefined);
    }
    if (await env.WORKSPACES.head(key)) return failed(`Could not delete ${key}.`, fix);
    return ok("Wrote, read, listed and deleted a scratch object in WORKSPACES.");
  },
};
