/**
 * A fleet with users (issue 14) for the sign-in journeys: a temp `--data` directory whose users
 * are added with the real users CLI (`npm run users -- add NAME --role ROLE --password-stdin`),
 * and helpers to sign in and to scan a page in both themes.
 */
import { spawn } from "node:child_process";
import { copyFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./dashboard";
import { type ServerProcess, startServerProcess } from "./serverProcess";

export interface TestUser {
  name: string;
  role: "viewer" | "operator" | "admin";
  password: string;
}

export const ADMIN: TestUser = { name: "ada", role: "admin", password: "ada-admin-secret" };
export const OPERATOR: TestUser = { name: "otto", role: "operator", password: "otto-operator-secret" };
export const VIEWER: TestUser = { name: "vera", role: "viewer", password: "vera-viewer-secret" };

/** Runs `npm run users -- add` for `user` on `dir`, the password on stdin. */
function addUser(dir: string, user: TestUser): Promise<void> {
  const args = ["--import", "tsx", "server/src/access/usersCli.ts", "add", user.name, "--role", user.role];
  const child = spawn(process.execPath, [...args, "--password-stdin", "--data", dir], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  const output: string[] = [];
  child.stdout.on("data", (chunk: Buffer) => output.push(String(chunk)));
  child.stderr.on("data", (chunk: Buffer) => output.push(String(chunk)));
  child.stdin.end(`${user.password}\n`);
  return new Promise((resolve, reject) => {
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`users add ${user.name} exited ${code}: ${output.join("")}`)),
    );
  });
}

export interface UserFleet {
  server: ServerProcess;
  dir: string;
  close(): Promise<void>;
}

/** A data directory holding `users` (added one after the other: the CLI claims the directory). */
export async function usersDir(users: readonly TestUser[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "fleet-e2e-users-"));
  for (const user of users) await addUser(dir, user);
  return dir;
}

/** A server on a copy of `source`'s users (a directory of its own), with `args`. */
export async function startUserFleet(source: string, args: string[] = []): Promise<UserFleet> {
  const dir = await mkdtemp(join(tmpdir(), "fleet-e2e-data-"));
  // The users, and the marker that makes the directory a fleet store the server may write into.
  for (const file of ["users.json", "fleet-history.json"])
    await copyFile(join(source, file), join(dir, file));
  const flags = ["--seed", "42", "--offline-rate", "0", "--command-failure-rate", "0", "--data", dir];
  const server = await startServerProcess([...flags, ...args]);
  return {
    server,
    dir,
    async close() {
      await server.kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The name-and-password form of the sign-in page. */
export function passwordForm(page: Page) {
  return page.getByRole("form", { name: "Sign in with your user name" });
}

/** Signs in on the sign-in page shown now and waits until the dashboard is live. */
export async function signIn(page: Page, user: TestUser): Promise<void> {
  const form = passwordForm(page);
  await form.getByLabel("User name").fill(user.name);
  await form.getByLabel("Password").fill(user.password);
  await form.getByRole("button", { name: "Sign in" }).click();
  // The connection's status; the page signed into may show its own (the Views page's "Loading views…").
  await expect(page.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
  await expect(page.getByRole("banner")).toContainText(`${user.name} ${user.role}`);
}

/** axe in the light theme, then in the dark one (switched with the header's toggle). */
export async function expectAccessibleInBothThemes(page: Page): Promise<void> {
  const toggle = page.getByRole("button", { name: "Dark theme" });
  for (const dark of [false, true]) {
    if ((await toggle.getAttribute("aria-pressed")) !== String(dark)) await toggle.click();
    await expect(page.locator("html")).toHaveAttribute("data-theme", dark ? "dark" : "light");
    await expectNoSeriousA11yViolations(page);
  }
}
