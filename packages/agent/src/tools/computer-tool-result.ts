import { ComputerCallError, ComputerInterruptedError } from "./computer-client";

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
 * Runs a computer call and turns expected failures into `{ error }` results the model can read
 * and react to, instead of failing the whole turn.
 */
export async function runComputerCall<T>(call: () => Promise<T>): Promise<T | { error: string }> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ComputerInterruptedError) return { error: error.message };
    if (error instanceof ComputerCallError) return { error: error.message };
    const message = error instanceof Error ? error.message : String(error);
    return { error: `The computer could not be reached: ${message}` };
  }
}
