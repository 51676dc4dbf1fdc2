// The sandbox benchmark runs inside workerd, like the Worker tests, against the real runtime
// behind the local sandbox host: `pnpm bench:sandbox`. It prints numbers; it asserts nothing
// about time.
//
// It is declared as a project, the way vitest.config.ts declares the `worker` project. With the
// Cloudflare plugin at the top level of the config instead, workerd failed to load the
// extension-less ES imports of css-what (a dependency of the web tools' HTML converter):
// `No such module ".../css-what/lib/es/types"`.
import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    reporters: ["default"],
    projects: [
      {
        plugins: [
          cloudflareTest(({ inject }) => ({
            wrangler: { configPath: "./wrangler.jsonc" },
            remoteBindings: false,
            miniflare: { bindings: { ...inject("fakeUrls") } },
          })),
        ],
        test: {
          name: "sandbox-bench",
          include: ["bench/sandbox-overhead.bench-workerd.ts"],
          globalSetup: ["tests/setup/worker-fakes.global.ts"],
          testTimeout: 300_000,
        },
      },
    ],
  },
});
