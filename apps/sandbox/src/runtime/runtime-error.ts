import type { RuntimeErrorCode } from "@molt/contracts";

const STATUS: Record<RuntimeErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  path_refused: 403,
  not_found: 404,
  not_unique: 409,
  conflict: 409,
  too_large: 413,
  unknown_marker: 410,
  internal: 500,
};

/** An expected failure of a runtime call; the code decides the HTTP status. */
export class RuntimeError extends Error {
  constructor(
    readonly code: RuntimeErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "RuntimeError";
  }

  get status(): number {
    return STATUS[this.code];
  }
}
