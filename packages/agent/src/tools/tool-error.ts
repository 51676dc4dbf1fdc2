/**
 * The one shape of a failure the model sees from any tool: an object with the reason, written
 * for the model to act on ("No skill ...", "Refused ...: a private address"). Tools return it
 * for expected failures instead of throwing, so the turn goes on and the model can react.
 */
export interface ToolError {
  error: string;
}

export function toolError(message: string): ToolError {
  return { error: message };
}

export function isToolError(value: unknown): value is ToolError {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { error?: unknown }).error === "string"
  );
}
