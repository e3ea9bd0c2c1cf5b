import { expect, test, type Page } from "@playwright/test";
import { DEMO, hydrated, seedPanel, switchUser } from "./helpers";

// Unsaved work is never dropped without a question: following a link, the
// back button and reloading all ask first; and each part of the role page
// saves on its own, leaving unsaved edits in the other parts alone.

test.describe.configure({ timeout: 120_000 });

/** Answers the next dialog with `accept` and resolves to its message and type. */
function nextDialog(page: Page, accept: boolean) {
  return new Promise<{ type: string; message: string }>((resolve) => {
    page.once("dialog", async (d) => {
      const seen = { type: d.type(), message: d.message() };
      if (accept) await d.accept();
      else await d.dismiss();
      resolve(seen);
    });
  });
}

test("a recruiter is asked before leaving a guide with unsaved changes, by link, back or reload", async ({ page }) => {
  const panel = await seedPanel(page, `unsaved-${Date.now()}`);
  await switchUser(page, DEMO.recruiter.email);
  await page.goto(`/roles/${panel.roleId}`);
  await hydrated(page);
  await page.getByRole("link", { name: "Edit the guide" }).click();
  await hydrated(page);
  const stageName = page.getByLabel("Stage 1 name");
  await stageName.fill("Panel interview (long)");
  await expect(page.getByText("Unsaved changes")).toBeVisible();
  const guideUrl = page.url();

  // The breadcrumb: stay, then the edit is still there.
  let dialog = nextDialog(page, false);
  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: /Sweep Lead/ }).click();
  expect((await dialog).message).toContain("unsaved changes");
  expect(page.url()).toBe(guideUrl);
  await expect(stageName).toHaveValue("Panel interview (long)");

  // Back: the browser's own question; stay, and the page and its edit are
  // still there.
  dialog = nextDialog(page, false);
  await page.goBack({ timeout: 5_000 }).catch(() => undefined);
  expect((await dialog).type).toBe("beforeunload");
  await expect(page).toHaveURL(guideUrl);
  await expect(stageName).toHaveValue("Panel interview (long)");

  // Reload: the browser's own question.
  dialog = nextDialog(page, false);
  await page.reload({ timeout: 5_000 }).catch(() => undefined);
  expect((await dialog).type).toBe("beforeunload");
  await expect(stageName).toHaveValue("Panel interview (long)");

  // Saved, nothing is asked.
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByText(/Saved \(revision/)).toBeVisible();
  let asked = false;
  const unexpected = (d: { dismiss(): Promise<void> }) => { asked = true; void d.dismiss(); };
  page.on("dialog", unexpected);
  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: /Sweep Lead/ }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Competency profile" })).toBeVisible();
  page.off("dialog", unexpected);
  expect(asked).toBe(false);

  // Leaving anyway, when chosen, leaves.
  await page.getByRole("link", { name: "Edit the guide" }).click();
  await hydrated(page);
  await stageName.fill("Panel interview (short)");
  dialog = nextDialog(page, true);
  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: /Sweep Lead/ }).click();
  await dialog;
  await expect(page.getByRole("heading", { level: 2, name: "Competency profile" })).toBeVisible();
});

test("each part of the role page saves without dropping unsaved edits in the others", async ({ page }) => {
  const panel = await seedPanel(page, `parts-${Date.now()}`);
  await switchUser(page, DEMO.recruiter.email);
  await page.goto(`/roles/${panel.roleId}`);
  await hydrated(page);

  // An unsaved profile edit and an unsaved team edit.
  const level = page.getByLabel("Required level for Teamwork");
  await level.selectOption("5");
  const iris = page.getByLabel(/Part of Iris .* in this role's hiring/);
  await iris.selectOption({ index: 1 });
  const irisPart = await iris.inputValue();

  // Adding a candidate keeps both, and lists the candidate.
  await page.getByLabel("Name", { exact: true }).fill("Casey New");
  await page.getByLabel("Email", { exact: true }).fill(`casey.${Date.now()}@example.org`);
  await page.getByRole("button", { name: "Add candidate" }).click();
  await expect(page.getByRole("link", { name: "Casey New" })).toBeVisible();
  await expect(level).toHaveValue("5");
  await expect(iris).toHaveValue(irisPart);

  // Saving the details keeps both too, and the heading follows.
  await page.getByText("Edit title, department and description").click();
  await page.getByLabel("Title", { exact: true }).fill("Support Team Lead");
  await page.getByRole("button", { name: "Save details" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Support Team Lead" })).toBeVisible();
  await expect(level).toHaveValue("5");
  await expect(iris).toHaveValue(irisPart);

  // The unsaved profile still stops a reload; saved, it survives one.
  const dialog = nextDialog(page, false);
  await page.reload({ timeout: 5_000 }).catch(() => undefined);
  expect((await dialog).type).toBe("beforeunload");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Profile saved.")).toBeVisible();
  await page.getByRole("button", { name: "Save team" }).click();
  await expect(page.getByText("Team saved.")).toBeVisible();
  await page.reload();
  await hydrated(page);
  await expect(page.getByLabel("Required level for Teamwork")).toHaveValue("5");
  await expect(page.getByLabel(/Part of Iris .* in this role's hiring/)).toHaveValue(irisPart);
});
