// The prompt-size benchmark runs inside workerd as the Worker tests do, with the same bindings
// and fakes (it reuses the `worker` project of vitest.config.ts): `pnpm bench:prompt`. It prints
// token counts; it asserts nothing about time.
import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";
import base from "../vitest.config";

const worker = (base.test?.projects ?? []).find(
  (project): project is TestProjectInlineConfiguration =>
    typeof project === "object" && "test" in project && project.test?.name === "worker",
);
if (!worker) throw new Error("vitest.config.ts has no worker project");

export default defineConfig({
  test: {
    reporters: ["default"],
    projects: [
      {
        ...worker,
        test: {
          ...worker.test,
          name: "prompt-bench",
          include: ["bench/prompt-tokens.bench-workerd.ts"],
          testTimeout: 60_000,
        },
      },
    ],
  },
});
