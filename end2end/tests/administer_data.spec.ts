import { expect, test } from "@playwright/test";
import { DEMO, hydrated, roleWithReferenceGuide, signIn, switchUser } from "./helpers";

// An admin answers the day's requests from the browser: a new colleague is
// invited and sets a password; an account is changed and deactivated; a
// candidate's data is exported, held, released and erased; an auditor's
// question is answered from the audit log.

test("an admin invites a colleague, who chooses a password and signs in", async ({ page, browser }) => {
  await signIn(page, DEMO.admin.email);
  await hydrated(page);
  await page.goto("/users");
  await hydrated(page);
  const email = `new${Date.now()}@demo.panelkit.test`;
  await page.getByLabel("Name").fill("Nia Newcomer");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption("recruiter");
  await page.getByRole("button", { name: "Send invitation" }).click();
  const link = await page.getByTestId("one-time-link").textContent();
  expect(link).toContain("/welcome/");
  await expect(page.locator(`tr[data-account="${email}"]`)).toContainText("Invited");

  const stranger = await browser.newContext();
  const welcome = await stranger.newPage();
  await welcome.goto(new URL(link!).pathname);
  await hydrated(welcome);
  await expect(welcome.getByRole("heading", { level: 1 })).toHaveText("Welcome to Panelkit");
  await welcome.getByLabel("Password").fill("a password of my own");
  await welcome.getByRole("button", { name: "Set password" }).click();
  await expect(welcome.getByRole("status")).toContainText(email);
  await signIn(welcome, email, "a password of my own");
  await hydrated(welcome);
  await expect(welcome.getByTestId("role")).toHaveText("Recruiter");

  // The link worked once.
  await welcome.goto(new URL(link!).pathname);
  await expect(welcome.getByRole("heading", { level: 1 })).toHaveText("This link does not work");

  // The admin makes them an interviewer, then deactivates them: their
  // session ends at once.
  await page.reload();
  await hydrated(page);
  const row = page.locator(`tr[data-account="${email}"]`);
  await expect(row).toContainText("Active");
  await row.getByRole("combobox").selectOption("interviewer");
  await expect(page.getByRole("status").first()).toContainText("Changed the role");
  await row.getByRole("button", { name: "Deactivate" }).click();
  await expect(row).toContainText("Deactivated");
  await welcome.goto("/");
  await expect(welcome).toHaveURL(/\/login/);
  await stranger.close();

  // The last admin cannot step down.
  const me = page.locator(`tr[data-account="${DEMO.admin.email}"]`);
  await me.getByRole("button", { name: "Deactivate" }).click();
  await expect(page.locator(".error[role=alert]")).toContainText("last active admin");
});

test("an admin exports, holds, releases and erases a candidate, and the audit log shows who did what", async ({ page }) => {
  await signIn(page, DEMO.recruiter.email);
  await hydrated(page);
  const name = `Erin Erasable ${Date.now()}`;
  const { candidateId } = await roleWithReferenceGuide(page, name);
  await switchUser(page, DEMO.admin.email);
  await page.goto(`/candidates/${candidateId}`);
  await hydrated(page);
  const data = page.locator("section.candidate-data");

  const download = page.waitForEvent("download");
  await data.getByRole("link", { name: "Export everything (ZIP)" }).click();
  const zip = await download;
  expect(zip.suggestedFilename()).toMatch(/^candidate-erin-erasable.*\.zip$/);

  await data.getByLabel("Reason for a hold").fill("Tribunal claim 2291");
  await data.getByRole("button", { name: "Place hold" }).click();
  await expect(data.locator("table.holds")).toContainText("Tribunal claim 2291");
  await expect(data.getByRole("button", { name: "Erase personal data" })).toBeDisabled();

  // Lifted from the data settings page.
  await page.goto("/data");
  await hydrated(page);
  const hold = page.locator("table.holds tr", { hasText: "Tribunal claim 2291" });
  await hold.getByLabel("Reason to lift").fill("Claim withdrawn");
  await hold.getByRole("button", { name: "Lift hold" }).click();
  await expect(page.locator("table.holds tr", { hasText: "Tribunal claim 2291" })).toContainText("Lifted");

  await page.goto(`/candidates/${candidateId}`);
  await hydrated(page);
  await data.getByLabel("Reason for erasing").fill("Erasure request by email");
  await data.getByRole("button", { name: "Erase personal data" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Erased candidate");
  await expect(page.locator("body")).not.toContainText(name);

  // The audit log, filtered to the candidate, names each step and who took it.
  await page.goto(`/audit?candidate_id=${candidateId}`);
  await hydrated(page);
  const log = page.locator("table.audit-log");
  for (const action of ["candidate.erase", "hold.lift", "hold.place", "candidate.export", "candidate.add"]) {
    await expect(log).toContainText(action);
  }
  await expect(log.locator("tr", { hasText: "candidate.erase" })).toContainText(DEMO.admin.name);
  await expect(log).not.toContainText(name);
  const csv = await page.request.get(`/audit.csv?candidate_id=${candidateId}`);
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain("candidate.erase");
  await page.getByLabel("Action starts with").fill("hold.");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/action=hold/);
  await expect(log.locator("tbody tr")).toHaveCount(2);
});

test("an admin sets retention and the text referees read; everyone changes their own password", async ({ page }) => {
  await signIn(page, DEMO.admin.email);
  await hydrated(page);
  await page.goto("/data");
  await hydrated(page);
  await page.getByLabel("Anonymise candidates").selectOption("after_decision");
  await page.getByLabel("N (days)").fill("180");
  await page.locator("#consent-text").fill("We keep your answers for 180 days after the decision.");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toHaveText("Saved.");
  await page.reload();
  await hydrated(page);
  await expect(page.getByLabel("N (days)")).toHaveValue("180");
  await page.getByLabel("Anonymise candidates").selectOption("off");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toHaveText("Saved.");

  await switchUser(page, DEMO.interviewer.email);
  await page.getByTestId("who").click();
  await expect(page).toHaveURL(/\/account$/);
  await hydrated(page);
  await page.getByLabel("Current password").fill("not my password");
  await page.getByLabel(/New password/).fill("a new long password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.locator(".error[role=alert]")).toContainText("current");
});
