// Linux packages carry no code signature the updater can check, and the sha512 in latest-linux.yml comes
// from the same server as the file, so it proves nothing about who made it. Every Linux update must
// therefore carry a detached Ed25519 signature (<file>.sig next to it on the feed, base64) made with a
// release key whose public half is pinned in this build (main/settings/defaults.ts) or by IT policy
// (updateSigningKeys). How to sign: docs/it-management.md.
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';

/** A signature file is one base64 line; anything much longer is not one. */
const MAX_SIGNATURE_FILE_BYTES = 1024;
const ED25519_SIGNATURE_BYTES = 64;

/** An Ed25519 public key from its base64 raw 32 bytes (the form in policy and defaults); undefined if it is not one. */
export function ed25519PublicKey(base64: string): KeyObject | undefined {
  const raw = Buffer.from(base64.trim(), 'base64');
  if (raw.length !== 32) return undefined;
  try {
    return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
  } catch {
    return undefined;
  }
}

/** The 64 signature bytes from a .sig file's text, or undefined when it holds no signature. */
export function parseSignatureFile(text: string): Buffer | undefined {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed)) return undefined;
  const bytes = Buffer.from(trimmed, 'base64');
  return bytes.length === ED25519_SIGNATURE_BYTES ? bytes : undefined;
}

/** True only when `signature` is a valid Ed25519 signature of `data` by one of the pinned keys. */
export function isSignedByPinnedKey(data: Buffer, signature: Buffer | undefined, pinnedKeys: readonly string[]): boolean {
  if (!signature) return false;
  return pinnedKeys.some((base64) => {
    const key = ed25519PublicKey(base64);
    try {
      return key !== undefined && verify(null, data, key, signature);
    } catch {
      return false;
    }
  });
}

/** Fetches a signature file over the updater's feed origin; undefined when there is none. */
export async function fetchSignatureFile(url: URL): Promise<string | undefined> {
  const response = await fetch(url, { redirect: 'error' });
  if (!response.ok) return undefined;
  const body = Buffer.from(await response.arrayBuffer());
  return body.length > MAX_SIGNATURE_FILE_BYTES ? undefined : body.toString('utf8');
}

/** Verifies a downloaded update file against the signature published next to it. */
export async function verifyUpdateFile(file: string, signatureUrl: URL, pinnedKeys: readonly string[], fetchSignature = fetchSignatureFile): Promise<boolean> {
  const text = await fetchSignature(signatureUrl).catch(() => undefined);
  const signature = text === undefined ? undefined : parseSignatureFile(text);
  if (!signature) return false;
  // Ed25519 signs the whole message in one pass; update packages fit comfortably in memory.
  return isSignedByPinnedKey(await readFile(file), signature, pinnedKeys);
}
