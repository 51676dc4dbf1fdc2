import { ComputerCallError, ComputerInterruptedError } from "./computer-client";
import { type ToolError, toolError } from "./tool-error";

/** Text handed back to the model is cut to this many characters per field. */
export const MAX_TOOL_TEXT_CHARS = 16_000;

/** Cuts long text in the middle, keeping both ends, and says how much went. */
export function capText(text: string, maxChars = MAX_TOOL_TEXT_CHARS): string {
  if (text.length <= maxChars) return text;
  const half = Math.floor(maxChars / 2);
  const omitted = text.length - 2 * half;
  return `${text.slice(0, half)}\n[... ${omitted} characters omitted ...]\n${text.slice(-half)}`;
}

/**
 * Runs a computer call and turns expected failures into `toolError` results the model can read
 * and react to, instead of failing the whole turn.
 */
export async function runComputerCall<T>(call: () => Promise<T>): Promise<T | ToolError> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ComputerInterruptedError) return toolError(error.message);
    if (error instanceof ComputerCallError) return toolError(error.message);
    const message = error instanceof Error ? error.message : String(error);
    return toolError(`The computer could not be reached: ${message}`);
  }
}
