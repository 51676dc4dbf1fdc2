import { APICallError, type LanguageModel, wrapLanguageModel } from "ai";
import { UNREACHABLE_PATTERN } from "../agent/describe-error";

/** The model interface the AI SDK calls (`doGenerate`, `doStream`), whatever the provider's version. */
type CallableModel = ReturnType<typeof wrapLanguageModel>;

/** How long one model call may take to answer (a stream: to start) before the next model is tried. */
export const MODEL_CALL_TIMEOUT_MS = 120_000;

export interface NamedModel {
  /** `provider/model`, as configured. */
  label: string;
  model: LanguageModel;
}

export interface ModelFailure {
  model: string;
  error: unknown;
}

/** What happened to the models of one turn: who answered each call, who failed. */
export interface FailoverLog {
  /** The models that answered at least one call, in order of first answer. */
  answeredBy: string[];
  failures: ModelFailure[];
  /** The model the latest call went to (the one to blame when the turn fails). */
  lastTried?: string;
}

export interface FailoverModelOptions {
  timeoutMs?: number;
  /** Called for every failed call that moves on to the next model. */
  onFailure?: (failure: ModelFailure) => void;
}

/** Raised when a call took longer than `timeoutMs`; the turn's own abort is not one. */
export class ModelTimeoutError extends Error {
  override readonly name = "ModelTimeoutError";
  constructor(label: string, timeoutMs: number) {
    super(`${label} did not answer within ${Math.round(timeoutMs / 1000)} s`);
  }
}

/**
 * Failures another model may not share: rate limits (429), server errors (5xx and the other
 * answers the provider calls retryable), timeouts and a provider that cannot be reached. A
 * refused key or a malformed request (other 4xx) is a configuration fault to fix, not to hide.
 */
export function isFailoverError(error: unknown): boolean {
  if (error instanceof ModelTimeoutError) return true;
  if (APICallError.isInstance(error)) {
    return error.isRetryable || error.statusCode === undefined || error.statusCode >= 500;
  }
  const text = error instanceof Error ? error.message : String(error);
  return UNREACHABLE_PATTERN.test(text);
}

/**
 * One model made of a chain: each call goes to the current model, and when that one fails in
 * a way another might not (`isFailoverError`), the same call (same prompt, same messages) goes
 * to the next one. Failing over per model call rather than per turn is what keeps a turn's
 * finished tool calls from running twice: the AI SDK's loop has already executed and recorded
 * them, and the next model only continues from them. After a failover the turn stays on the
 * model that answered, so later steps do not wait on the failed one again.
 */
export function createFailoverModel(
  chain: readonly NamedModel[],
  options: FailoverModelOptions = {},
): { model: CallableModel; log: FailoverLog } {
  const [first] = chain;
  if (!first) throw new Error("a failover chain needs at least one model");
  const models = chain.map(({ label, model }) => ({
    label,
    // Names of a global provider registry (strings) are not used here: providers are built.
    model: wrapLanguageModel({ model: model as Exclude<LanguageModel, string>, middleware: [] }),
  }));
  const timeoutMs = options.timeoutMs ?? MODEL_CALL_TIMEOUT_MS;
  const log: FailoverLog = { answeredBy: [], failures: [] };
  let current = 0;

  async function call<T>(
    turnSignal: AbortSignal | undefined,
    run: (model: CallableModel, signal: AbortSignal) => PromiseLike<T>,
  ): Promise<T> {
    let lastError: unknown;
    for (let index = current; index < models.length; index += 1) {
      const { label, model } = models[index] as (typeof models)[number];
      log.lastTried = label;
      try {
        const result = await callWithTimeout(label, timeoutMs, turnSignal, (signal) =>
          run(model, signal),
        );
        current = index;
        if (!log.answeredBy.includes(label)) log.answeredBy.push(label);
        return result;
      } catch (error) {
        if (turnSignal?.aborted || !isFailoverError(error)) throw error;
        const failure = { model: label, error };
        log.failures.push(failure);
        // The end of the chain is the turn's failure, which the turn itself reports.
        if (index < models.length - 1) options.onFailure?.(failure);
        lastError = error;
      }
    }
    // Every model failed: the AI SDK may retry the whole call, from the current model again.
    throw lastError;
  }

  const primary = models[0] as (typeof models)[number];
  const failover: CallableModel = {
    specificationVersion: primary.model.specificationVersion,
    provider: primary.model.provider,
    modelId: primary.model.modelId,
    supportedUrls: primary.model.supportedUrls,
    doGenerate: (callOptions) =>
      call(callOptions.abortSignal, (model, abortSignal) =>
        model.doGenerate({ ...callOptions, abortSignal }),
      ),
    doStream: (callOptions) =>
      call(callOptions.abortSignal, (model, abortSignal) =>
        model.doStream({ ...callOptions, abortSignal }),
      ),
  };
  return { model: failover, log };
}

/**
 * Runs one call with the turn's signal plus a deadline. The deadline covers the answer of a
 * plain call and the start of a stream; once a stream has started it is not cut short.
 */
async function callWithTimeout<T>(
  label: string,
  timeoutMs: number,
  turnSignal: AbortSignal | undefined,
  run: (signal: AbortSignal) => PromiseLike<T>,
): Promise<T> {
  const deadline = new AbortController();
  const timedOut = new ModelTimeoutError(label, timeoutMs);
  const timer = setTimeout(() => deadline.abort(timedOut), timeoutMs);
  const signal = turnSignal ? AbortSignal.any([turnSignal, deadline.signal]) : deadline.signal;
  try {
    return await run(signal);
  } catch (error) {
    // The provider reports the abort its own way; what matters is that the deadline passed.
    if (deadline.signal.aborted && !turnSignal?.aborted) throw timedOut;
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
