/**
 * Users, roles and sign-in (issue 14), in a real browser against a real server whose users were
 * added with the users CLI: sign-in keeps the URL, a wrong password is refused in words, sign-out
 * closes the socket, a viewer sees command controls disabled with the reason, an operator's
 * command reaches the timeline with their name and the Audit page, an expired session returns to
 * sign-in keeping the URL, and an open server shows its badge.
 */
import { readFile, rm } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import type { DeviceInfo } from "../src/protocol/messages";
import {
  ADMIN,
  expectAccessibleInBothThemes,
  OPERATOR,
  passwordForm,
  signIn,
  startUserFleet,
  type UserFleet,
  usersDir,
  VIEWER,
} from "./support/accessFleet";
import { fetchWelcome } from "./support/fleetClient";
import { watchSockets } from "./support/pageSockets";

let users: string;
let fleet: UserFleet;
let thermostat: DeviceInfo;

test.beforeAll(async () => {
  users = await usersDir([ADMIN, OPERATOR, VIEWER]);
  fleet = await startUserFleet(users);
});

test.afterAll(async () => {
  await fleet?.close();
  await rm(users, { recursive: true, force: true });
});

let adminSession: string | undefined;

/** An admin's session cookie (`fleet_session=...`), signed in over the API once. */
async function adminCookie(): Promise<string> {
  if (adminSession) return adminSession;
  const login = await fetch(`${fleet.server.url}/api/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: ADMIN.name, password: ADMIN.password }),
  });
  expect(login.status).toBe(200);
  adminSession = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  return adminSession;
}

/** A thermostat of the fleet, read over the socket with an admin's session. */
async function onlineThermostat(): Promise<DeviceInfo> {
  if (thermostat) return thermostat;
  const welcome = await fetchWelcome(fleet.server.url, undefined, { cookie: await adminCookie() });
  const found = welcome.fleet.find((device) => device.kind === "thermostat" && device.online);
  if (!found) throw new Error("the fleet has no online thermostat");
  thermostat = found;
  return found;
}

/** An admin's rule that fires at once on `device` (its temperature is always above its minimum). */
async function fireAlertOn(device: DeviceInfo): Promise<void> {
  const metric = device.metrics.find((m) => m.key === "temperature");
  if (!metric) throw new Error(`${device.id} has no temperature`);
  const response = await fetch(`${fleet.server.url}/api/alert-rules`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: await adminCookie(), origin: fleet.server.url },
    body: JSON.stringify({
      name: "e2e: always firing",
      scope: { device: device.id },
      metric: "temperature",
      op: "above",
      threshold: metric.min - 1,
      forSeconds: 0,
      severity: "warning",
    }),
  });
  expect(response.status, await response.text()).toBe(201);
}

test("sign-in keeps the URL, a wrong password is refused in words, sign-out closes the socket", async ({
  page,
}) => {
  const sockets = watchSockets(page);
  await page.goto(`${fleet.server.url}/#/events`);
  const form = passwordForm(page);
  await expect(form).toBeVisible();
  // Not signed in: no socket is opened to be refused.
  expect(sockets.sockets).toHaveLength(0);
  await expectAccessibleInBothThemes(page);

  await form.getByLabel("User name").fill(OPERATOR.name);
  await form.getByLabel("Password").fill("not-the-password");
  await form.getByRole("button", { name: "Sign in" }).click();
  await expect(form.getByRole("alert")).toHaveText("Wrong user name or password.");

  await signIn(page, OPERATOR);
  await expect(page.getByRole("heading", { level: 1, name: "Events" })).toBeVisible();
  expect(page.url()).toMatch(/#\/events$/);
  expect(sockets.open()).toHaveLength(1);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(passwordForm(page)).toBeVisible();
  await expect.poll(() => sockets.open().length).toBe(0);
  // The session is over on the server too: a reload asks to sign in again.
  await page.reload();
  await expect(passwordForm(page)).toBeVisible();
});

test("a viewer sees the command, rule and acknowledge controls disabled with the reason, and no Audit page", async ({
  page,
}) => {
  const device = await onlineThermostat();
  await page.goto(`${fleet.server.url}/#/devices/${device.id}`);
  await signIn(page, VIEWER);
  const form = page.getByRole("form", { name: "Set target temperature" });
  await expect(form.getByRole("button", { name: "Set target temperature" })).toBeDisabled();
  await expect(page.getByRole("region", { name: "Controls" })).toContainText(
    "Needs the operator role: you are a viewer.",
  );
  await expect(page.getByRole("region", { name: "Alert rules" })).toContainText(
    "Needs the admin role: you are a viewer.",
  );
  const audit = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Audit/ });
  await expect(audit).toHaveAccessibleName("Audit (Needs the admin role: you are a viewer.)");
  await audit.click();
  await expect(page.getByRole("main")).toContainText("The audit log is for admins.");

  // A firing alert: its Acknowledge button is there, disabled, with the reason beside the table.
  await fireAlertOn(device);
  await page.goto(`${fleet.server.url}/#/alerts?device=${device.id}`);
  await expect(
    page.getByText("Acknowledging is closed: Needs the operator role: you are a viewer."),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: /^Acknowledge / }).first()).toBeDisabled();
});

test("an operator's command shows in the timeline with their name, and on the Audit page for an admin", async ({
  browser,
  page,
}) => {
  const device = await onlineThermostat();
  await page.goto(`${fleet.server.url}/#/devices/${device.id}`);
  await signIn(page, OPERATOR);
  const form = page.getByRole("form", { name: "Set target temperature" });
  await form.getByRole("spinbutton").fill("23");
  await form.getByRole("button", { name: "Set target temperature" }).click();
  const timeline = page.getByRole("list", { name: "Command history" });
  await expect(timeline.getByRole("listitem").first()).toContainText(/Succeeded.*by otto/);

  // Another browser, an admin: the timeline comes from the server, with who sent it.
  const other = await browser.newContext();
  try {
    const admin = await other.newPage();
    await admin.goto(`${fleet.server.url}/#/devices/${device.id}`);
    await signIn(admin, ADMIN);
    await expect(
      admin.getByRole("list", { name: "Command history" }).getByRole("listitem").first(),
    ).toContainText(/Succeeded.*by otto/);
    await admin.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit" }).click();
    const entries = admin.getByRole("list", { name: "Audit entries" });
    await admin.getByLabel("Action").selectOption({ label: "Command" });
    await admin.getByLabel("User").fill(OPERATOR.name);
    await expect(entries.getByRole("listitem").first()).toContainText(
      // The line in the reader's words: the command's label, not its wire name.
      new RegExp(`otto ${device.id} Set target temperature \\(target 23\\): succeeded`),
    );
    await expectAccessibleInBothThemes(admin);
    const download = admin.waitForEvent("download");
    await admin.getByRole("button", { name: "Export CSV" }).click();
    const csv = await readFile(await (await download).path(), "utf8");
    expect(csv.split("\r\n")[0]).toBe("time,user,action,device,text,detail");
    expect(csv).toContain(`,otto,command,${device.id},Set target temperature (target 23): succeeded`);
  } finally {
    await other.close();
  }
});

test("an expired session returns to sign-in keeping the URL, and signing in again resumes", async ({
  page,
}) => {
  const short = await startUserFleet(users, ["--session-max", "4s"]);
  try {
    const target = `${short.server.url}/#/events?x=1`;
    await page.goto(target);
    await signIn(page, OPERATOR);
    // The session's 4 s run out; the server closes its socket with 4401 within a sweep (2 s).
    await expect(passwordForm(page)).toBeVisible({ timeout: 15_000 });
    await expect(page.getByRole("main")).toContainText(
      "Your session has ended. Sign in to go on where you were.",
    );
    expect(page.url()).toBe(target);
    await signIn(page, OPERATOR);
    await expect(page.getByRole("heading", { level: 1, name: "Events" })).toBeVisible();
  } finally {
    await short.close();
  }
});

test("a server with no users and no token shows the Open access badge, saying how to close it", async ({
  page,
}) => {
  // The shared e2e server (playwright.config.ts) is started with neither.
  await page.goto("/");
  await expect(page.getByRole("status")).toContainText("Live");
  const badge = page.getByRole("banner").getByText("Open access", { exact: true });
  await expect(badge).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);
  await badge.focus();
  await page.keyboard.press("Enter");
  const note = page.getByRole("banner").locator(".open-access-note");
  await expect(note).toContainText("anyone who can reach it can watch the fleet and send commands");
  await expect(note).toContainText("npm run users -- add NAME --role admin");
  await expectAccessibleInBothThemes(page);
});
