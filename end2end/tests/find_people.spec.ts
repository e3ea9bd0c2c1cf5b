import { expect, test } from "@playwright/test";
import { DEMO, hydrated, roleWithReferenceGuide, serverFnJson, signIn } from "./helpers";

// A recruiter in an organisation too large to list whole picks a hiring
// team and a panel by searching for people by name: the pages list a page
// of people, a search replaces it with who matches, and whoever was picked
// stays listed through the next search.
test.describe.configure({ timeout: 120_000 });

test("a hiring team and a panel are picked by searching a large organisation", async ({ page }) => {
  const stamp = Date.now();
  const named = (i: number) => `Zz Finder ${stamp} ${String(i).padStart(2, "0")}`;
  await signIn(page, DEMO.admin.email);
  await hydrated(page);
  // Sixty recruiters whose names sort last: more than one page of people.
  for (let i = 0; i < 60; i++) {
    await serverFnJson(page, "invite_user", {
      input: { email: `zz.finder.${stamp}.${i}@example.org`, name: named(i), role: "Recruiter" },
    });
  }
  await page.context().clearCookies();
  await signIn(page, DEMO.recruiter.email);
  await hydrated(page);
  const { roleId, candidateId } = await roleWithReferenceGuide(page, `Finn Found ${stamp}`);

  // The hiring team: Zz Finder 59 is past the first page until searched for.
  await page.goto(`/roles/${roleId}`);
  await hydrated(page);
  const partOf = (name: string) => page.getByLabel(`Part of ${name} in this role's hiring`);
  const find = page.getByLabel("Find people");
  await expect(partOf(DEMO.interviewer.name)).toBeVisible();
  await expect(partOf(named(59))).toHaveCount(0);
  await find.fill(`finder ${stamp} 59`);
  await expect(partOf(named(59))).toBeVisible();
  await expect(partOf(DEMO.interviewer.name)).toHaveCount(0);
  await partOf(named(59)).selectOption("recruiter");
  await find.fill(`finder ${stamp} 58`);
  await expect(partOf(named(58))).toBeVisible();
  await expect(partOf(named(59))).toHaveValue("recruiter");
  await page.getByRole("button", { name: "Save team" }).click();
  await expect(page.getByText("Team saved.")).toBeVisible();
  await page.reload();
  await hydrated(page);
  await expect(partOf(named(59))).toHaveValue("recruiter");

  // The panel: found by name, kept through the next search, scheduled.
  await page.goto(`/candidates/${candidateId}`);
  await hydrated(page);
  const box = (name: string, role: string) => page.getByLabel(`${name} (${role})`, { exact: true });
  await expect(box(named(57), "Recruiter")).toHaveCount(0);
  await find.fill(`${stamp} 57`);
  await box(named(57), "Recruiter").check();
  await find.fill("ivan");
  await box(DEMO.interviewer.name, "Interviewer").check();
  await expect(box(named(57), "Recruiter")).toBeChecked();
  await find.fill("nobody by this name");
  await expect(page.getByText("Nobody matches.")).toBeVisible();
  await expect(box(named(57), "Recruiter")).toBeChecked();
  await page.getByRole("button", { name: "Schedule interview" }).click();
  await expect(page.getByText("Interview scheduled.")).toBeVisible();
  await expect(page.locator("table.interviews")).toContainText(named(57));
  await expect(page.locator("table.interviews")).toContainText(DEMO.interviewer.name);
});
