// Prints the gzipped size of the JavaScript the admin UI loads before its first render (the entry
// chunk and whatever it preloads) and fails when it is over the budget. Run after `pnpm build`.

import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

export const INITIAL_JS_BUDGET_BYTES = 300 * 1024;

const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "dist");
const BASE = "/_admin/";

function initialScripts(html) {
  const sources = [
    ...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ].map((match) => match[1]);
  return [...new Set(sources)].map((source) => source.replace(BASE, ""));
}

let html;
try {
  html = readFileSync(path.join(DIST, "index.html"), "utf8");
} catch {
  console.error("apps/admin/dist/index.html is missing: run `pnpm build` first.");
  process.exit(1);
}
const scripts = initialScripts(html);
if (scripts.length === 0) {
  console.error("index.html loads no module script: the build looks wrong.");
  process.exit(1);
}
let total = 0;
for (const script of scripts) {
  const bytes = readFileSync(path.join(DIST, script));
  const gzipped = gzipSync(bytes, { level: 9 }).byteLength;
  total += gzipped;
  console.log(
    `${script}: ${(bytes.byteLength / 1024).toFixed(1)} KiB, ${(gzipped / 1024).toFixed(1)} KiB gzipped`,
  );
}
const budget = INITIAL_JS_BUDGET_BYTES / 1024;
console.log(`initial JavaScript: ${(total / 1024).toFixed(1)} KiB gzipped (budget ${budget} KiB)`);
if (total > INITIAL_JS_BUDGET_BYTES) {
  console.error("The admin UI's initial JavaScript is over budget.");
  process.exit(1);
}
