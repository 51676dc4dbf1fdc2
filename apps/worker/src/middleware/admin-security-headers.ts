import { secureHeaders } from "hono/secure-headers";

/**
 * Headers on every admin response (the SPA, its assets, the API, refusals included). The CSP is
 * what the built SPA needs and no more: its own scripts, styles and API, the `data:` favicon;
 * no inline script, no eval, no framing by anyone.
 */
export const adminSecurityHeaders = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", "data:"],
    connectSrc: ["'self'"],
    fontSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
  xFrameOptions: "DENY",
  referrerPolicy: "no-referrer",
  xContentTypeOptions: "nosniff",
});
