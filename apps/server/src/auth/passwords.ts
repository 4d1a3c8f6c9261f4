import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { availableParallelism } from 'node:os';

// scrypt's recommended interactive cost (N = 2^15, r = 8): tens of ms per guess, 32 MB of memory.
const PARAMS: ScryptOptions = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, PARAMS, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export interface PasswordHash {
  salt: Buffer;
  hash: Buffer;
}

export async function hashPassword(password: string): Promise<PasswordHash> {
  const salt = randomBytes(16);
  return { salt, hash: await derive(password, salt) };
}

/**
 * Hashes run on libuv's thread pool (4 threads unless UV_THREADPOOL_SIZE says otherwise), which
 * also serves sign-ins, file reads and compression. A bulk upload keeps at most this many in
 * flight — as many as there are cores, since scrypt is CPU-bound — and always leaves two
 * threads free: 256 hashes queued at once held a duty officer's sign-in for half a minute.
 */
const POOL = Number(process.env.UV_THREADPOOL_SIZE) || 4;
const BULK_HASHES_AT_ONCE = Math.max(1, Math.min(availableParallelism(), POOL - 2));

/** Many passwords, hashed in parallel up to the bound above; the same parameters as one. */
export async function hashPasswords(passwords: readonly string[]): Promise<PasswordHash[]> {
  const hashes: PasswordHash[] = new Array<PasswordHash>(passwords.length);
  let next = 0;
  const lane = async () => {
    while (next < passwords.length) {
      const index = next++;
      hashes[index] = await hashPassword(passwords[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(BULK_HASHES_AT_ONCE, passwords.length) }, lane));
  return hashes;
}

/** Constant-time comparison, so the time taken says nothing about how close a guess was. */
export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  const candidate = await derive(password, stored.salt);
  return candidate.length === stored.hash.length && timingSafeEqual(candidate, stored.hash);
}

/** A random password for the demo accounts: 16 characters of base64url (96 bits). */
export function randomPassword(): string {
  return randomBytes(12).toString('base64url');
}
