/**
 * `npm run users -- <command>`: manages the users of a gateway's store (docs/SECURITY.md). Writes
 * `users.json` in `--data DIR` (default `data`, like `npm start`) or the tables of `--store
 * postgres://...`; a running server picks the change up within seconds, ends the sessions it
 * affects and writes it to its audit log as user `cli`. Bad input exits with code 2 and one line
 * naming what was wrong; an unreachable store with 1.
 */
import { parseArgs } from "node:util";
import { claimDataDir } from "../store/dataDir";
import { HistoryStoreError } from "../store/historyStore";
import { openFileDirectory } from "./fileDirectory";
import { digest, hashPassword, newApiToken, passwordProblem } from "./passwords";
import { connectPostgresDirectory } from "./sqlDirectory";
import { checkRole, type UserDirectory, UserError } from "./userDirectory";

const HELP = `Usage: npm run users -- <command> [flags]

Commands
  add NAME --role ROLE        add a user (viewer, operator or admin); asks for the password
  list                        list users and roles
  remove NAME                 remove a user; their sessions and API tokens end
  set-role NAME ROLE          change a user's role; their sessions end
  reset-password NAME         set a new password; their sessions end
  token NAME                  print a new API token for NAME (shown once, stored hashed)

Flags
  --data DIR                  the server's data dir (default: data, as npm start uses)
  --store URL                 the server's PostgreSQL store (postgres://..., default $FLEET_STORE)
  --password-stdin            read the password from standard input instead of a prompt
  --help                      show this help

Passwords have at least 8 characters. See docs/SECURITY.md.`;

class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

const ARITY: Record<string, number> = {
  add: 1,
  list: 0,
  remove: 1,
  "set-role": 2,
  "reset-password": 1,
  token: 1,
};

function readCommandLine(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        data: { type: "string" },
        store: { type: "string" },
        role: { type: "string" },
        "password-stdin": { type: "boolean" },
        help: { type: "boolean" },
      },
    });
  } catch (error) {
    throw new CliError(`${(error as Error).message.split("\n")[0]} (see --help)`);
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

/** Reads a line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(question);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding("utf8");
  return new Promise((done, fail) => {
    let value = "";
    const finish = (outcome: () => void) => {
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write("\n");
      outcome();
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === "\r" || char === "\n") return finish(() => done(value));
        if (char === "\u0003") return finish(() => fail(new CliError("cancelled")));
        value = char === "\u007f" || char === "\b" ? value.slice(0, -1) : value + char;
      }
    };
    stdin.on("data", onData);
  });
}

async function newPassword(name: string, fromStdin: boolean): Promise<string> {
  let password: string;
  if (fromStdin) password = await readStdin();
  else if (process.stdin.isTTY) {
    password = await promptHidden(`Password for ${name}: `);
    if (passwordProblem(password) === undefined && (await promptHidden("Again: ")) !== password)
      throw new CliError("password: the two entries differ");
  } else throw new CliError("password: no terminal to ask on; pipe it in with --password-stdin");
  const problem = passwordProblem(password);
  if (problem) throw new CliError(problem);
  return hashPassword(password);
}

async function openDirectory(data: string | undefined, store: string | undefined): Promise<UserDirectory> {
  if (store) {
    if (!/^postgres(ql)?:\/\//.test(store))
      throw new CliError(`--store must be a postgres://user@host/db URL`);
    return connectPostgresDirectory(store);
  }
  // Creates the dir as the server would, and refuses one that is not a fleet store.
  const claim = claimDataDir(data ?? "data");
  claim.release();
  return openFileDirectory(claim.dir);
}

async function run(
  command: string,
  names: string[],
  values: Record<string, unknown>,
  directory: UserDirectory,
) {
  const [name = "", second = ""] = names;
  const fromStdin = values["password-stdin"] === true;
  switch (command) {
    case "add": {
      if (typeof values.role !== "string") throw new CliError("--role: required (viewer, operator or admin)");
      const role = checkRole(values.role);
      if ((await directory.user(name)) !== undefined)
        throw new CliError(`name: user "${name}" exists already`);
      await directory.add(name, role, await newPassword(name, fromStdin));
      return `added ${name} (${role}) to ${directory.where}`;
    }
    case "list": {
      const users = await directory.users();
      if (users.length === 0)
        return `no users in ${directory.where}: the server is open unless it has --token`;
      const width = Math.max(4, ...users.map((user) => user.name.length));
      const lines = users.map(
        (user) =>
          `${user.name.padEnd(width)}  ${user.role.padEnd(8)}  ${new Date(user.createdAt).toISOString()}`,
      );
      return [`${"NAME".padEnd(width)}  ROLE      CREATED`, ...lines].join("\n");
    }
    case "remove":
      await directory.remove(name);
      return `removed ${name}; their sessions and API tokens have ended`;
    case "set-role":
      await directory.setRole(name, checkRole(second));
      return `${name} is now ${second}; their sessions have ended`;
    case "reset-password": {
      if ((await directory.user(name)) === undefined)
        throw new UserError("not_found", `name: no user "${name}"`);
      await directory.setPassword(name, await newPassword(name, fromStdin));
      return `new password set for ${name}; their sessions have ended`;
    }
    default: {
      const token = newApiToken();
      await directory.addToken(name, digest(token));
      process.stderr.write(`API token for ${name} (shown once; send it as Authorization: Bearer <token>):\n`);
      return token;
    }
  }
}

async function main(args: string[]): Promise<string> {
  const { values, positionals } = readCommandLine(args);
  if (values.help || positionals.length === 0) return HELP;
  const [command = "", ...names] = positionals;
  const arity = ARITY[command];
  if (arity === undefined)
    throw new CliError(`unknown command "${command}"; use ${Object.keys(ARITY).join(", ")} (see --help)`);
  if (names.length !== arity)
    throw new CliError(
      `${command} takes ${arity === 2 ? "NAME ROLE" : arity === 1 ? "NAME" : "no arguments"} (see --help)`,
    );
  if (values.data !== undefined && values.store !== undefined)
    throw new CliError("--data and --store: give one (the store the server uses)");
  const fromEnv = values.data === undefined ? process.env.FLEET_STORE || undefined : undefined;
  const directory = await openDirectory(values.data, values.store ?? fromEnv);
  try {
    return await run(command, names, values, directory);
  } finally {
    await directory.close();
  }
}

try {
  console.log(await main(process.argv.slice(2)));
} catch (error) {
  const known = error instanceof CliError || error instanceof UserError || error instanceof HistoryStoreError;
  if (!known) throw error;
  const unavailable = error instanceof UserError && error.code === "unavailable";
  console.error(`users: ${(error as Error).message}`);
  process.exit(error instanceof CliError ? error.exitCode : unavailable ? 1 : 2);
}
