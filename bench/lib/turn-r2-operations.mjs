// R2 operations per turn, from the Worker's structured `turn` logs in wrangler's output: each
// answered turn logs `r2Ops`, the R2 calls its agent's workspace store made while it ran.

/**
 * { turns, total, max, zero } over the `turn` log lines among `lines` of the inbox ids in
 * `inboxIds` (when given: wrangler's output can bring an earlier turn's line late).
 */
export function turnR2Operations(lines, inboxIds) {
  const counts = [];
  for (const line of lines) {
    const start = line.indexOf('{"event":"turn"');
    if (start < 0) continue;
    let event;
    try {
      event = JSON.parse(line.slice(start));
    } catch {
      continue; // a line cut by the output buffer
    }
    if (inboxIds && !inboxIds.has(event.inboxId)) continue;
    if (event.outcome === "answered" && typeof event.r2Ops === "number") counts.push(event.r2Ops);
  }
  const total = counts.reduce((sum, count) => sum + count, 0);
  return {
    turns: counts.length,
    total,
    max: counts.length > 0 ? Math.max(...counts) : 0,
    zero: counts.filter((count) => count === 0).length,
  };
}
