/** Random tokens and ids, and the hashes under which tokens are stored (Lucia's guide, Copenhagen Book). */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';

function randomBase32(bytes: number): string {
  return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** 160 bits of randomness: for session cookies and emailed links. */
export function generateToken(): string {
  return randomBase32(20);
}

/** Random 128-bit ids, so records cannot be enumerated. */
export function newId(): string {
  return randomBase32(16);
}

/** Only this hash is stored; a leaked database does not yield usable tokens. */
export function hashToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}
