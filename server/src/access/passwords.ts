/**
 * Password hashes and secret tokens (docs/SECURITY.md). Passwords: scrypt from node:crypto
 * (N=2^15, r=8, p=1, 16-byte salt; ~32 MiB and tens of ms per hash), stored as
 * `scrypt$N$r$p$salt$hash` (base64url) and compared in constant time. API tokens and session ids
 * are 32 random bytes: high entropy needs no slow KDF, so only their SHA-256 is kept.
 */
import { createHash, randomBytes, scrypt, timingSafeEqual } from "node:crypto";

/** Shortest password accepted, characters. */
export const MIN_PASSWORD_LENGTH = 8;
/** Longest password accepted, characters (scrypt hashes any length; this bounds the request). */
export const MAX_PASSWORD_LENGTH = 1024;

const COST = { N: 2 ** 15, r: 8, p: 1 };
const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** Prefix of API tokens, so a leaked one is recognisable (secret scanners, logs). */
export const API_TOKEN_PREFIX = "fdt_";

function derive(password: string, salt: Buffer, N: number, r: number, p: number): Promise<Buffer> {
  // scrypt needs 128 * N * r bytes; Node's default maxmem (32 MiB) is just short of N=2^15, r=8.
  const maxmem = 256 * N * r;
  return new Promise((done, fail) =>
    scrypt(password, salt, KEY_BYTES, { N, r, p, maxmem }, (error, key) => (error ? fail(error) : done(key))),
  );
}

/** Hashes a password with a fresh salt: `scrypt$32768$8$1$<salt>$<hash>`. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, COST.N, COST.r, COST.p);
  return ["scrypt", COST.N, COST.r, COST.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

/** A hash of no one's password, verified against when the user name is unknown (no timing oracle). */
let decoy: Promise<string> | undefined;

/**
 * True when `password` matches `stored`. With `stored` undefined (no such user) it still runs
 * one scrypt, so a wrong name takes as long as a wrong password, and returns false.
 */
export async function verifyPassword(password: string, stored: string | undefined): Promise<boolean> {
  decoy ??= hashPassword(randomBytes(16).toString("hex"));
  const parts = (stored ?? (await decoy)).split("$");
  const [scheme, n, r, p, salt, hash] = parts;
  if (parts.length !== 6 || scheme !== "scrypt") return false;
  const expected = Buffer.from(hash as string, "base64url");
  const key = await derive(
    password,
    Buffer.from(salt as string, "base64url"),
    Number(n),
    Number(r),
    Number(p),
  );
  return stored !== undefined && key.length === expected.length && timingSafeEqual(key, expected);
}

/** What is wrong with a new password, or undefined when it is acceptable. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) return `password: at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH) return `password: at most ${MAX_PASSWORD_LENGTH} characters`;
  return undefined;
}

/** 32 random bytes, base64url (43 characters): session ids. */
export function randomSecret(): string {
  return randomBytes(32).toString("base64url");
}

/** A new API token: `fdt_` and 32 random bytes, base64url. Shown once; only its digest is kept. */
export function newApiToken(): string {
  return `${API_TOKEN_PREFIX}${randomSecret()}`;
}

/** SHA-256 of a secret (session id, API token), hex: what the directory and session store keep. */
export function digest(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** Constant-time comparison of two strings (the shared `--token`). */
export function secretsMatch(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
