import { createHash, timingSafeEqual } from "node:crypto";

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}

/** Compares `Authorization: Bearer <token>` with the expected token in constant time. */
export function isAuthorized(header: string | undefined, expectedToken: string): boolean {
  const presented = /^Bearer (.+)$/.exec(header ?? "")?.[1] ?? "";
  // Equal-length digests: neither the length nor the content leaks through timing.
  return timingSafeEqual(digest(presented), digest(expectedToken)) && presented.length > 0;
}
