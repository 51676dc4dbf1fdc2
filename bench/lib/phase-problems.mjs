// What makes a phase's numbers void: any webhook not answered 200 "accepted", or any reply (or
// model answer) missing. The benchmark then exits non-zero instead of reporting partial numbers.

export function phaseProblems(run, settings) {
  const problems = [];
  const errors = run.acks.filter((ack) => ack.error);
  const notOk = run.acks.filter((ack) => !ack.error && ack.status !== 200);
  const notAccepted = run.acks.filter(
    (ack) => !ack.error && ack.status === 200 && ack.outcome !== "accepted",
  );
  if (errors.length > 0) {
    problems.push(
      `${errors.length} webhook requests failed, e.g. ${errors[0].item.marker}: ${errors[0].error.message}`,
    );
  }
  if (notOk.length > 0) {
    const sample = notOk[0];
    problems.push(
      `${notOk.length} webhooks not answered 200, e.g. ${sample.status} ${sample.text.slice(0, 200)}`,
    );
  }
  if (notAccepted.length > 0) {
    problems.push(
      `${notAccepted.length} webhooks answered 200 without "accepted", e.g. ${notAccepted[0].text.slice(0, 200)}`,
    );
  }
  if (run.missing.length > 0) {
    problems.push(
      `${run.missing.length} of ${run.messages.length} replies missing after ${settings.replyTimeoutMs / 1000} s, e.g. ${run.missing.slice(0, 3).join(", ")}`,
    );
  }
  if (run.stats.unfinishedModelCalls > 0) {
    problems.push(`${run.stats.unfinishedModelCalls} model requests never finished`);
  }
  return problems.map((problem) => `${run.name} phase: ${problem}`);
}
