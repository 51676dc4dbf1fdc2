// The Workers test pool's main module (vitest.config.ts `main`): the Worker exactly as it deploys,
// plus Durable Object classes that exist only in tests. wrangler.jsonc keeps pointing at
// src/index.ts, so nothing here ships.
export * from "../../src/index";
export { default } from "../../src/index";
export { TestSandbox } from "./test-sandbox";
