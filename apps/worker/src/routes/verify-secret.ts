/** Constant-time comparison of a presented secret with the expected one. */
export async function secretsMatch(
  presented: string | undefined,
  expected: string,
): Promise<boolean> {
  if (presented === undefined) return false;
  const encoder = new TextEncoder();
  // Hashing first gives equal-length inputs, which timingSafeEqual requires, without leaking length.
  const [a, b] = await Promise.all([
    crypto.subtle.digest("SHA-256", encoder.encode(presented)),
    crypto.subtle.digest("SHA-256", encoder.encode(expected)),
  ]);
  return crypto.subtle.timingSafeEqual(a, b);
}
