/** No 0/O, 1/I/L: codes are read aloud and typed by hand. */
const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const PAIRING_CODE_LENGTH = 6;

export function generatePairingCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(PAIRING_CODE_LENGTH));
  return Array.from(bytes, (byte) => ALPHABET[byte % ALPHABET.length]).join("");
}

/** Lowercase so it can also name the user's sandbox, which must be lowercase. */
export function generateUserId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return `u${Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("")}`;
}
