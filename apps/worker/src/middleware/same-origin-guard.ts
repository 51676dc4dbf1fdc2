import { createMiddleware } from "hono/factory";
import { AppError } from "../errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Changing admin requests must come from the admin UI's own origin. A browser states where a
 * request comes from (`Sec-Fetch-Site`, and `Origin` on every POST, PUT and DELETE), and a page
 * cannot forge either; a request naming another site is refused whatever its content type, so
 * a cross-site form post never reaches a route even with the admin's Access cookie attached.
 *
 * A request with neither header is not from a browser page (`pnpm chat`, curl, a script): it
 * cannot ride on someone's cookies, and Access (or DEV_MODE's loopback rule) still decides.
 */
export const sameOriginGuard = createMiddleware(async (c, next) => {
  if (SAFE_METHODS.has(c.req.method)) return next();
  const site = c.req.header("sec-fetch-site");
  if (site !== undefined && site !== "same-origin") {
    throw new AppError(
      "forbidden",
      `Refused a ${site} request: changes come from the admin UI only.`,
    );
  }
  const origin = c.req.header("origin");
  if (origin !== undefined && origin !== new URL(c.req.url).origin) {
    throw new AppError(
      "forbidden",
      "Refused a request from another origin: changes come from the admin UI only.",
    );
  }
  return next();
});
