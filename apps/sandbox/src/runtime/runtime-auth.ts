import { createHash, timingSafeEqual } from "node:crypto";

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}

/** Compares a presented secret with the expected one in constant time; empty never matches. */
export function matchesSecret(presented: string | undefined, expected: string): boolean {
  // Equal-length digests: neither the length nor the content leaks through timing.
  const equal = timingSafeEqual(digest(presented ?? ""), digest(expected));
  return equal && (presented ?? "").length > 0;
}

/** Compares `Authorization: Bearer <token>` with the expected token in constant time. */
export function isAuthorized(header: string | undefined, expectedToken: string): boolean {
  return matchesSecret(/^Bearer (.+)$/.exec(header ?? "")?.[1], expectedToken);
}
