/**
 * Who is asking (docs/SECURITY.md): turns a request's session cookie or bearer token, or a
 * socket's `auth` message, into an `Actor`; signs users in and out; and, every few seconds,
 * finds the sockets whose session ended (logout, idle or absolute lifetime, user removed, password
 * reset or role changed) so the gateway closes them with 4401. With no users and no `--token`
 * everyone is the open actor.
 */
import type { IncomingMessage } from "node:http";
import { type Actor, type AuditSink, OPEN_ACTOR, SHARED_TOKEN_ACTOR } from "./actor";
import { LoginLimiter } from "./loginLimiter";
import { API_TOKEN_PREFIX, digest, randomSecret, secretsMatch, verifyPassword } from "./passwords";
import type { SessionStore, SignIn } from "./sessionStore";
import type { UserDirectory, UserRecord } from "./userDirectory";

/** Name of the session cookie. */
export const SESSION_COOKIE = "fleet_session";
/** A session's last-seen time is written at most this often, ms. */
export const TOUCH_EVERY_MS = 60_000;
/** Longest user name or password read from a sign-in request. */
const MAX_CREDENTIAL = 1024;

/** An actor and what its proof was checked against, so a later change can end it. */
export interface Admission {
  actor: Actor;
  /** The user's stamp when admitted (session and API token actors). */
  stamp?: number;
}

export interface AccessOptions {
  token: string | undefined;
  directory: UserDirectory | undefined;
  sessions: SessionStore;
  audit: AuditSink;
  /** Idle and absolute session lifetimes, ms. */
  idleMs: number;
  maxMs: number;
  now(): number;
}

export type LoginResult =
  | { ok: true; user: string; role: Actor["role"]; secret: string }
  | { ok: false; retryAfter?: number };

/** The value of cookie `name` in a Cookie header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

export class AccessControl {
  private hasUsers = false;
  private hasTokens = false;
  private readonly limiter = new LoginLimiter();
  private readonly touched = new Map<string, number>();
  private prunedAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: AccessOptions) {}

  /** True while no one needs to sign in (no users, no shared token). */
  get open(): boolean {
    return this.options.token === undefined && !this.hasUsers;
  }

  /** How a client may sign in (`GET /api/me`'s 401 says it). */
  signIn(): { password: boolean; token: boolean } {
    return { password: this.hasUsers, token: this.options.token !== undefined || this.hasTokens };
  }

  /** Re-reads whether users and tokens exist, and reports the users command line's changes. */
  async refresh(): Promise<void> {
    const { directory, audit } = this.options;
    if (!directory) return;
    this.hasUsers = (await directory.users()).length > 0;
    this.hasTokens = await directory.hasTokens();
    for (const change of await directory.takeChanges()) {
      const detail: Record<string, unknown> = { op: change.op, name: change.name };
      if (change.role) detail.role = change.role;
      audit.append({ at: change.at, user: "cli", action: "user", detail });
    }
  }

  /**
   * Whether the server is still open, asking the directory again while it is: the first user
   * added closes it at once, not at the next sweep.
   */
  private async stillOpen(): Promise<boolean> {
    if (!this.open) return false;
    const directory = this.options.directory;
    if (directory) this.hasUsers = (await directory.users()).length > 0;
    return this.open;
  }

  /** The actor of an HTTP request or WebSocket upgrade, or undefined when it proves no one. */
  async fromRequest(req: IncomingMessage): Promise<Admission | undefined> {
    if (await this.stillOpen()) return { actor: OPEN_ACTOR };
    const header = req.headers.authorization ?? "";
    if (header.startsWith("Bearer ")) return this.fromToken(header.slice(7).trim());
    const secret = cookieValue(req.headers.cookie, SESSION_COOKIE);
    return secret ? this.fromSession(digest(secret)) : undefined;
  }

  /** The actor holding `token` (the shared token or an API token). */
  async fromToken(token: string): Promise<Admission | undefined> {
    if (await this.stillOpen()) return { actor: OPEN_ACTOR };
    const shared = this.options.token;
    if (shared !== undefined && secretsMatch(shared, token)) return { actor: SHARED_TOKEN_ACTOR };
    if (!token.startsWith(API_TOKEN_PREFIX) || !this.options.directory) return undefined;
    const user = await this.options.directory.userByToken(digest(token));
    return user
      ? { actor: { user: user.name, role: user.role, via: "api_token" }, stamp: user.stamp }
      : undefined;
  }

  private async fromSession(id: string): Promise<Admission | undefined> {
    const { sessions, directory, now } = this.options;
    const session = await sessions.get(id);
    const user = session && (await directory?.user(session.user));
    if (!session || !user || !this.current(session, user, now())) return undefined;
    this.touch(session.id, session.lastSeen, now());
    return { actor: { user: user.name, role: user.role, via: "session", sessionId: id }, stamp: user.stamp };
  }

  private current(session: SignIn, user: UserRecord | undefined, at: number): boolean {
    return (
      user !== undefined &&
      user.stamp === session.stamp &&
      at - session.createdAt < this.options.maxMs &&
      at - Math.max(session.lastSeen, this.touched.get(session.id) ?? 0) < this.options.idleMs
    );
  }

  /** Records activity of a session actor (a request, a message on its socket), writing at most once a minute. */
  seen(actor: Actor): void {
    if (actor.sessionId !== undefined) this.touch(actor.sessionId, 0, this.options.now());
  }

  /** Writes activity at `at` unless the session's last write (stored or ours) is under a minute old. */
  private touch(id: string, lastSeen: number, at: number): void {
    if (at - Math.max(lastSeen, this.touched.get(id) ?? 0) < TOUCH_EVERY_MS) return;
    this.touched.set(id, at);
    void this.options.sessions.touch(id, at).catch(() => {});
  }

  /** Checks a name and password (rate limited, audited) and opens a session when they match. */
  async login(name: string, password: string, address: string): Promise<LoginResult> {
    const { directory, sessions, audit, now } = this.options;
    const at = now();
    const who = name.slice(0, MAX_CREDENTIAL);
    const refuse = (reason: string, retryAfter?: number): LoginResult => {
      audit.append({ at, user: who, action: "login", detail: { ok: false, reason, address } });
      return retryAfter === undefined ? { ok: false } : { ok: false, retryAfter };
    };
    const retryAfter = this.limiter.retryAfter(who, address, at);
    if (retryAfter > 0) return refuse("rate_limited", retryAfter);
    const user = password.length <= MAX_CREDENTIAL ? await directory?.user(who) : undefined;
    if (!(await verifyPassword(password.slice(0, MAX_CREDENTIAL), user?.password)) || !user) {
      this.limiter.failed(who, address, at);
      return refuse(user ? "wrong_password" : "unknown_user");
    }
    this.limiter.succeeded(who);
    const secret = randomSecret();
    await sessions.create({
      id: digest(secret),
      user: user.name,
      stamp: user.stamp,
      createdAt: at,
      lastSeen: at,
    });
    audit.append({ at, user: user.name, action: "login", detail: { ok: true, address } });
    return { ok: true, user: user.name, role: user.role, secret };
  }

  /** Ends the session `id` (a digest). */
  async logout(id: string): Promise<void> {
    this.touched.delete(id);
    await this.options.sessions.remove([id]);
  }

  /**
   * The admissions among `held` that no longer stand: sessions ended or expired, users removed
   * or changed, and the open actor once access is required. Also deletes expired sessions.
   */
  async ended(held: readonly Admission[]): Promise<Set<Admission>> {
    const { directory, sessions, now, idleMs, maxMs } = this.options;
    const at = now();
    const users = new Map((await directory?.users())?.map((user) => [user.name, user]) ?? []);
    const ids = held.flatMap((admission) => admission.actor.sessionId ?? []);
    const live = new Map(
      (ids.length ? await sessions.some(ids) : []).map((session) => [session.id, session]),
    );
    const ended = new Set<Admission>();
    for (const admission of held) {
      const { actor, stamp } = admission;
      const user = users.get(actor.user);
      const session = actor.sessionId === undefined ? undefined : live.get(actor.sessionId);
      const gone =
        (actor.via === "open" && !this.open) ||
        (actor.via === "api_token" && (!user || user.stamp !== stamp)) ||
        (actor.via === "session" && !(session && this.current(session, user, at)));
      if (gone) ended.add(admission);
    }
    for (const id of this.touched.keys()) if (!live.has(id)) this.touched.delete(id);
    if (at - this.prunedAt >= TOUCH_EVERY_MS) {
      this.prunedAt = at;
      await sessions.prune(at - maxMs, at - idleMs);
    }
    return ended;
  }
}
