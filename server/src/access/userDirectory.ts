/**
 * Where users and API tokens live (docs/SECURITY.md): one interface, three homes. PostgreSQL
 * tables with `--store` (servers sharing it share users; sqlDirectory.ts), `DIR/users.json`
 * beside the embedded store with `--data` (fileDirectory.ts), and memory for tests and embedders
 * (`createMemoryDirectory`). The users command line changes them; the server reads them, and
 * reports each change once to the audit log (`takeChanges`).
 */
import { isRole, ROLES, type Role } from "./actor";

/** One user as stored. `stamp` changes with the password or the role: sessions signed in before are over. */
export interface UserRecord {
  name: string;
  role: Role;
  /** `scrypt$N$r$p$salt$hash` (passwords.ts). */
  password: string;
  createdAt: number;
  stamp: number;
}

/** What a change was, as the audit line's `detail` says it (`user` action). */
export type UserChangeOp = "add" | "remove" | "set-role" | "reset-password" | "token";

/** One change made through the directory, waiting to be written to the audit log. */
export interface UserChange {
  at: number;
  op: UserChangeOp;
  name: string;
  role?: Role;
}

/** A refused change or unreadable directory; `code` is snake_case, the message names the field. */
export class UserError extends Error {
  override name = "UserError";
  constructor(
    readonly code: "bad_request" | "not_found" | "conflict" | "unavailable",
    message: string,
  ) {
    super(message);
  }
}

/** Longest user name, characters. */
export const MAX_NAME_LENGTH = 64;
/** Names the server gives to actors that are not users (docs/SECURITY.md). */
export const RESERVED_NAMES = ["anonymous", "token", "cli"] as const;
/** Changes kept for the audit log while no server takes them (oldest dropped first). */
export const MAX_PENDING_CHANGES = 1000;

/** What is wrong with a user name, or undefined when it is acceptable. */
export function nameProblem(name: string): string | undefined {
  if (!/^[A-Za-z0-9][A-Za-z0-9._@-]*$/.test(name) || name.length > MAX_NAME_LENGTH)
    return `name: 1 to ${MAX_NAME_LENGTH} letters, digits and . _ @ - (starting with a letter or digit), got ${JSON.stringify(name.slice(0, 80))}`;
  if ((RESERVED_NAMES as readonly string[]).includes(name.toLowerCase()))
    return `name: "${name}" is reserved (${RESERVED_NAMES.join(", ")} name the server's own actors)`;
  return undefined;
}

/** Checks a role given as text. */
export function checkRole(role: string): Role {
  if (!isRole(role)) throw new UserError("bad_request", `role: one of ${ROLES.join(", ")}, got "${role}"`);
  return role;
}

/** Users, their API tokens, and the changes not yet reported. */
export interface UserDirectory {
  /** Where it lives, for messages: `users.json in /srv/data`, `PostgreSQL`, `memory`. */
  readonly where: string;
  users(): Promise<UserRecord[]>;
  user(name: string): Promise<UserRecord | undefined>;
  /** The user holding the API token whose SHA-256 is `digest`. */
  userByToken(digest: string): Promise<UserRecord | undefined>;
  /** Whether any API token exists (a sign-in page offers token sign-in then). */
  hasTokens(): Promise<boolean>;
  add(name: string, role: Role, password: string): Promise<void>;
  remove(name: string): Promise<void>;
  setRole(name: string, role: Role): Promise<void>;
  setPassword(name: string, password: string): Promise<void>;
  /** Stores an API token's digest for `name`. */
  addToken(name: string, digest: string): Promise<void>;
  /** Changes not yet reported, oldest first; each is handed out once (several servers share PostgreSQL). */
  takeChanges(): Promise<UserChange[]>;
  close(): Promise<void>;
}

/** The whole directory as one JSON document (users.json, and the memory directory). */
export interface UsersDocument {
  format: "fleet-users";
  version: 1;
  users: UserRecord[];
  tokens: { digest: string; name: string; createdAt: number }[];
  changes: UserChange[];
}

export function emptyDocument(): UsersDocument {
  return { format: "fleet-users", version: 1, users: [], tokens: [], changes: [] };
}

function find(doc: UsersDocument, name: string): UserRecord {
  const user = doc.users.find((entry) => entry.name === name);
  if (!user) throw new UserError("not_found", `name: no user "${name}"`);
  return user;
}

function log(doc: UsersDocument, change: UserChange): void {
  doc.changes.push(change);
  if (doc.changes.length > MAX_PENDING_CHANGES)
    doc.changes.splice(0, doc.changes.length - MAX_PENDING_CHANGES);
}

/** Edits of a document, shared by the file and memory directories; each logs its change. */
export const edits = {
  add(doc: UsersDocument, name: string, role: Role, password: string, at: number): void {
    const problem = nameProblem(name);
    if (problem) throw new UserError("bad_request", problem);
    if (doc.users.some((user) => user.name === name))
      throw new UserError("conflict", `name: user "${name}" exists already`);
    doc.users.push({ name, role, password, createdAt: at, stamp: 1 });
    log(doc, { at, op: "add", name, role });
  },
  remove(doc: UsersDocument, name: string, at: number): void {
    find(doc, name);
    doc.users = doc.users.filter((user) => user.name !== name);
    doc.tokens = doc.tokens.filter((token) => token.name !== name);
    log(doc, { at, op: "remove", name });
  },
  setRole(doc: UsersDocument, name: string, role: Role, at: number): void {
    const user = find(doc, name);
    user.role = role;
    user.stamp++;
    log(doc, { at, op: "set-role", name, role });
  },
  setPassword(doc: UsersDocument, name: string, password: string, at: number): void {
    const user = find(doc, name);
    user.password = password;
    user.stamp++;
    log(doc, { at, op: "reset-password", name });
  },
  addToken(doc: UsersDocument, name: string, digest: string, at: number): void {
    find(doc, name);
    doc.tokens.push({ digest, name, createdAt: at });
    log(doc, { at, op: "token", name });
  },
};

/** Answers the read side of `UserDirectory` from a document. */
export function readDocument(doc: UsersDocument) {
  return {
    users: () => doc.users.map((user) => ({ ...user })),
    user: (name: string) => {
      const user = doc.users.find((entry) => entry.name === name);
      return user ? { ...user } : undefined;
    },
    userByToken: (digest: string) => {
      const token = doc.tokens.find((entry) => entry.digest === digest);
      return token ? readDocument(doc).user(token.name) : undefined;
    },
    hasTokens: () => doc.tokens.length > 0,
  };
}

/**
 * A directory in memory, for tests and for embedders without a store (`createMockServer({ users })`).
 * Add users with `hashPassword` from passwords.ts, as the command line does.
 */
export function createMemoryDirectory(now: () => number = Date.now): UserDirectory {
  const doc = emptyDocument();
  const read = () => readDocument(doc);
  return {
    where: "memory",
    users: async () => read().users(),
    user: async (name) => read().user(name),
    userByToken: async (digest) => read().userByToken(digest),
    hasTokens: async () => read().hasTokens(),
    add: async (name, role, password) => edits.add(doc, name, role, password, now()),
    remove: async (name) => edits.remove(doc, name, now()),
    setRole: async (name, role) => edits.setRole(doc, name, role, now()),
    setPassword: async (name, password) => edits.setPassword(doc, name, password, now()),
    addToken: async (name, digest) => edits.addToken(doc, name, digest, now()),
    takeChanges: async () => doc.changes.splice(0),
    close: async () => {},
  };
}
