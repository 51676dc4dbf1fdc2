import { createMiddleware } from "hono/factory";
import { AppError } from "../errors";

/**
 * Body types the admin API reads: JSON, and a zip for the import. None of them is one a form can
 * send (forms send `application/x-www-form-urlencoded`, `multipart/form-data`, `text/plain`),
 * and a page that sets one on a cross-site `fetch` needs a CORS preflight, which this Worker
 * never grants.
 */
const ACCEPTED_BODY_TYPES = new Set([
  "application/json",
  "application/zip",
  "application/x-zip-compressed",
  "application/octet-stream",
]);

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Refuses (415) a changing request's body of any other type, or a body that names no type. */
export const bodyContentTypeGuard = createMiddleware(async (c, next) => {
  if (SAFE_METHODS.has(c.req.method)) return next();
  const declared = c.req.header("content-type");
  // A POST without a body (Run checks, `pnpm run doctor`) arrives with `Content-Length: 0` and an
  // empty stream: nothing to read, so nothing to type.
  const length = c.req.header("content-length");
  const emptyBody = c.req.raw.body === null || length === "0";
  if (declared === undefined && emptyBody) return next();
  const type = declared?.split(";")[0]?.trim().toLowerCase() ?? "";
  if (!ACCEPTED_BODY_TYPES.has(type)) {
    throw new AppError(
      "unsupported_media_type",
      `The admin API reads JSON bodies (Content-Type: application/json), not ${type || "an untyped body"}.`,
    );
  }
  return next();
});
