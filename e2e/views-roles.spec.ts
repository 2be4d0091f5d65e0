import { rm } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import {
  expectAccessibleInBothThemes,
  OPERATOR,
  signIn,
  startUserFleet,
  type UserFleet,
  usersDir,
  VIEWER,
} from "./support/accessFleet";

let users: string;
let fleet: UserFleet;

test.beforeAll(async () => {
  users = await usersDir([OPERATOR, VIEWER]);
  fleet = await startUserFleet(users);
});

test.afterAll(async () => {
  await fleet?.close();
  if (users) await rm(users, { recursive: true, force: true });
});

test("an operator saves a view; a viewer opens it and marks it, but may not save or delete", async ({
  browser,
}) => {
  // The server asks for a sign-in before it tells anyone its fleet: a device every seeded fleet has.
  const device = { id: "thermo-001" };
  const operator = await (await browser.newContext()).newPage();
  await operator.goto(`${fleet.server.url}/#/devices/${device.id}`);
  await signIn(operator, OPERATOR);
  await operator.getByRole("link", { name: "1 h", exact: true }).click();
  await expect(operator).toHaveURL(/window=1h$/);
  const title = (await operator.getByRole("heading", { level: 1 }).textContent()) ?? "";
  const name = `${title}, last hour`;
  await operator.getByRole("button", { name: "Save view" }).click();
  await operator.getByRole("textbox", { name: "View name" }).fill(name);
  await operator.getByRole("button", { name: "Save for the team" }).click();
  await expect(operator.getByRole("status").filter({ hasText: `Saved “${name}”` })).toBeVisible();

  const viewer = await (await browser.newContext()).newPage();
  await viewer.goto(`${fleet.server.url}/#/views`);
  await signIn(viewer, VIEWER);
  const row = viewer.getByRole("row").filter({ has: viewer.getByRole("rowheader", { name }) });
  await expect(row).toContainText("Device view");
  await expect(row).toContainText(OPERATOR.name);
  // Shown, not hidden: disabled, with the reason.
  const remove = row.getByRole("button", { name: new RegExp(`^Delete ${name}`) });
  await expect(remove).toBeDisabled();
  await expect(remove).toHaveAttribute(
    "title",
    `Only its owner (${OPERATOR.name}) or an admin may change or delete it.`,
  );
  await expect(viewer.getByLabel("Import a view (JSON file)")).toBeDisabled();
  await expect(viewer.getByText("Needs the operator role: you are a viewer.")).toBeVisible();
  // Favourites are the viewer's own.
  await row.getByRole("button", { name: `Favourite ${name}` }).click();
  await expect(row.getByRole("button", { name: `Favourite ${name}` })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await expectAccessibleInBothThemes(viewer);

  await row.getByRole("link", { name }).click();
  await expect(viewer).toHaveURL(new RegExp(`#/devices/${device.id}\\?window=1h$`));
  await expect(viewer.getByRole("heading", { name: title, level: 1 })).toBeVisible();
  await expect(viewer.getByRole("button", { name: "Save view" })).toBeDisabled();
});
