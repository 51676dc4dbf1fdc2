import { describeToolCall } from "@molt/agent";
import type { LivePreview, PreviewStats } from "@molt/channels";

/** Marks a reply whose answer was cut short by /stop. */
export const STOPPED_MARK = " (stopped)";

/**
 * What a turn shows while it runs: the answer as it is written and, while a tool runs, one
 * status line in its place ("running `pytest`…"). The text of the current step is kept, so a
 * stopped turn can leave what was written. `close` must be awaited before the final reply is
 * queued: after it no preview call is in flight, so none can land on top of the answer.
 */
export class AnswerStream {
  private text = "";
  private closed: Promise<PreviewStats> | undefined;

  constructor(private readonly preview: LivePreview | undefined) {}

  /** Whether the person is watching the answer being written (and so expects what was written). */
  get live(): boolean {
    return this.preview !== undefined;
  }

  readonly onTextDelta = (delta: string): void => {
    this.text += delta;
    this.preview?.show(this.text);
  };

  readonly onToolCall = (name: string, input: unknown): void => {
    // The words before a tool call were a preamble; the answer comes after the tool.
    this.text = "";
    this.preview?.show(describeToolCall(name, input));
  };

  /** The text of the step being written, marked as stopped; undefined when nothing was written. */
  stoppedText(): string | undefined {
    const written = this.text.trimEnd();
    return written === "" ? undefined : `${written}${STOPPED_MARK}`;
  }

  close(): Promise<PreviewStats> {
    this.closed ??= this.preview?.close() ?? Promise.resolve({ calls: 0, rateLimited: 0 });
    return this.closed;
  }
}
