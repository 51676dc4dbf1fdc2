// The sandbox benchmark runs inside workerd, like the Worker tests, against the real runtime
// behind the local sandbox host: `pnpm bench:sandbox`. It prints numbers; it asserts nothing
// about time.
import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

export default defineConfig({
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
    reporters: ["default"],
  },
});
