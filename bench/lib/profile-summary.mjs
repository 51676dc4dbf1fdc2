// Where the profiled isolate spent its time: self time per bundled module and per function, and
// inclusive time per function. The Worker is one esbuild bundle, so modules are told apart by the
// `// <path>` comment esbuild writes where each one starts.

import { fmt } from "./stats.mjs";

export function printProfile({ profile, sources }, file, messages) {
  const summary = summarizeProfile(profile, sources);
  const idle = summary.self.find(([name]) => name === "(idle)")?.[1] ?? 0;
  const busy = summary.total - idle;
  const pct = (ms) => `${fmt((100 * ms) / summary.total, 1).padStart(5)}%`;
  console.log("");
  console.log(
    `CPU profile of the Worker isolate (saved to ${file}): ${fmt(summary.total / 1000, 2)} s sampled, ${fmt(busy / 1000, 2)} s not idle = ${fmt(busy / messages, 2)} ms per message`,
  );
  for (const [title, rows] of [
    ["self time by module", summary.modules],
    ["self time", summary.self],
    ["inclusive time", summary.inclusive],
  ]) {
    console.log(`  ${title}:`);
    for (const [name, ms] of rows) console.log(`  ${pct(ms)}  ${name}`);
  }
}

function summarizeProfile(profile, sources) {
  const lookups = new Map([...sources].map(([id, source]) => [id, moduleIndex(source)]));
  const moduleOf = ({ callFrame }) => {
    const lookup = lookups.get(callFrame.scriptId);
    if (lookup) return lookup(callFrame.lineNumber);
    if (callFrame.url) return callFrame.url;
    // (idle), (program), (garbage collector), and natives such as SQL `exec`.
    return callFrame.functionName.startsWith("(")
      ? callFrame.functionName
      : "(native / runtime API)";
  };
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map();
  const inclusive = new Map();
  const modules = new Map();
  const add = (map, key, ms) => map.set(key, (map.get(key) ?? 0) + ms);
  let total = 0;
  profile.samples.forEach((sample, index) => {
    const ms = (profile.timeDeltas[index + 1] ?? 0) / 1000;
    total += ms;
    const node = nodes.get(sample);
    if (!node) return;
    add(self, frameLabel(node), ms);
    add(modules, moduleOf(node), ms);
    // A recursive function counts once per sample.
    const seen = new Set();
    for (let id = sample; id !== undefined; id = parent.get(id))
      seen.add(frameLabel(nodes.get(id)));
    for (const name of seen) add(inclusive, name, ms);
  });
  const top = (map, count) => [...map].sort((a, b) => b[1] - a[1]).slice(0, count);
  return { total, self: top(self, 25), inclusive: top(inclusive, 40), modules: top(modules, 25) };
}

function frameLabel({ callFrame }) {
  const { functionName, url, lineNumber } = callFrame;
  const file = url ? url.split("/").slice(-2).join("/") : "";
  return `${functionName || "(anonymous)"}${file ? ` ${file}:${lineNumber + 1}` : ""}`;
}

/** A lookup from a 0-based line of the bundle to a short module name. */
function moduleIndex(source) {
  const starts = [];
  source.split("\n").forEach((line, index) => {
    const match = /^\/\/ ((?:\.\.\/)*[\w@.+-]+(?:\/[\w@.+-]+)+\.(?:m?js|cjs|ts|json))$/.exec(line);
    if (match?.[1]) starts.push([index, shortModuleName(match[1])]);
  });
  return (line) => {
    // The last module starting at or before the line (binary search over ascending starts).
    let low = 0;
    let high = starts.length - 1;
    let found = "(bundle prelude)";
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (starts[middle][0] <= line) {
        found = starts[middle][1];
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return found;
  };
}

/** An npm package, or a package or file of this repository. */
function shortModuleName(modulePath) {
  const inPackage = modulePath.lastIndexOf("node_modules/");
  if (inPackage !== -1) {
    const parts = modulePath.slice(inPackage + "node_modules/".length).split("/");
    return `npm:${parts[0]?.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]}`;
  }
  if (modulePath.startsWith("packages/")) return modulePath.split("/").slice(0, 2).join("/");
  if (modulePath.startsWith(".wrangler/") || modulePath.startsWith("wrangler")) return "wrangler";
  return modulePath;
}
