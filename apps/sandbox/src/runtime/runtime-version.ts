/** Set by the bundler (apps/sandbox/scripts/build.mjs) from the root package.json version. */
declare const __MOLT_RUNTIME_VERSION__: string | undefined;

/** The release this runtime was built from; "dev" when it runs unbundled (its own unit tests). */
export const RUNTIME_VERSION: string =
  typeof __MOLT_RUNTIME_VERSION__ === "string" ? __MOLT_RUNTIME_VERSION__ : "dev";
