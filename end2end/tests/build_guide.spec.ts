import { expect, test } from "@playwright/test";
import { DEMO, hydrated, signIn } from "./helpers";

test("a recruiter builds a role and its guide, publishes it and schedules a panel", async ({ page }) => {
  const title = `Benefits Advisor ${Date.now()}`;
  await signIn(page, DEMO.recruiter.email);
  await hydrated(page);

  // A role.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Roles" }).click();
  // The form is a lazily loaded island: it works once its code has arrived.
  await hydrated(page);
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Department").fill("Human Resources");
  await page.getByRole("button", { name: "Create role" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  // Loaded directly, the page hydrates (server and browser render alike).
  await page.reload();
  await hydrated(page);

  // Three competencies with required levels.
  for (const name of ["Customer Focus", "Communication", "Problem Solving"]) {
    await page.getByLabel("Add a competency").selectOption({ label: name });
    await page.getByRole("button", { name: "Add", exact: true }).click();
  }
  await page.getByLabel("Required level for Customer Focus").selectOption("4");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Profile saved.")).toBeVisible();

  // The hiring team: both demo interviewers and the hiring manager.
  await page.getByLabel("Part of Ivan Interviewer in this role's hiring").selectOption("interviewer");
  await page.getByLabel("Part of Iris Interviewer in this role's hiring").selectOption("interviewer");
  await page.getByLabel("Part of Hana Hiring-Manager in this role's hiring").selectOption("hiring-manager");
  await page.getByRole("button", { name: "Save team" }).click();
  await expect(page.getByText("Team saved.")).toBeVisible();

  // A guide with two stages.
  await page.getByRole("link", { name: "Edit the guide" }).click();
  await expect(page.getByRole("heading", { name: "Interview guide" })).toBeVisible();
  await hydrated(page);
  await page.getByLabel("New stage").fill("Phone screen");
  await page.getByRole("button", { name: "Add stage" }).click();
  await page.getByLabel("New stage").fill("Panel interview");
  await page.getByRole("button", { name: "Add stage" }).click();

  const screen = page.getByRole("region", { name: "Stage 1: Phone screen" });
  await screen.getByLabel("Add a section for").selectOption({ label: "Customer Focus" });
  await screen.getByRole("button", { name: "Add section" }).click();
  const bankPick = screen.getByLabel("Add a bank question");
  await bankPick.selectOption({ index: 1 });
  await screen.getByRole("button", { name: "Add question" }).click();
  await expect(screen.locator(".guide-question")).toHaveCount(1);

  const panel = page.getByRole("region", { name: "Stage 2: Panel interview" });
  await panel.getByLabel("Add a section for").selectOption({ label: "Communication" });
  await panel.getByRole("button", { name: "Add section" }).click();
  await panel.getByLabel("Add a bank question").selectOption({ index: 1 });
  await panel.getByRole("button", { name: "Add question" }).click();
  // A custom question, previewed before it is added.
  await panel.getByText("Write a custom question").click();
  await panel.getByLabel("Title", { exact: true }).fill("A rule that did not fit");
  await panel.getByLabel("Question text (Markdown)").fill("Tell me about a time a **rule** did not fit the person in front of you.");
  await panel.getByRole("button", { name: "Preview" }).click();
  await expect(panel.getByLabel("Preview").locator("strong")).toHaveText("rule");
  await panel.getByRole("button", { name: "Add custom question" }).click();
  await expect(panel.locator(".guide-question")).toHaveCount(2);

  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved (revision" })).toBeVisible();
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText("Version 1 published.")).toBeVisible();

  // The preview shows the stages as an interviewer will see them.
  await page.getByRole("link", { name: "Preview as an interviewer" }).click();
  await expect(page.getByRole("region", { name: "Stage: Phone screen" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Stage: Panel interview" }).getByText("A rule that did not fit")).toBeVisible();

  // A candidate, and a panel of two for the second stage.
  await page.getByRole("link", { name: title }).click();
  await hydrated(page);
  await page.getByLabel("Name").fill("Zoë Nguyễn");
  await page.getByLabel("Email", { exact: true }).fill("zoe@example.org");
  await page.getByRole("button", { name: "Add candidate" }).click();
  await page.getByRole("link", { name: "Zoë Nguyễn" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Zoë Nguyễn" })).toBeVisible();
  await page.reload();
  await hydrated(page);
  await page.getByLabel("Stage", { exact: true }).selectOption({ index: 1 });
  await page.getByLabel(/^Starts \(UTC/).fill("2026-12-01T10:00");
  await page.getByLabel("Ivan Interviewer").check();
  await page.getByLabel("Iris Interviewer").check();
  await page.getByRole("button", { name: "Schedule interview" }).click();
  await expect(page.getByText("Interview scheduled.")).toBeVisible();
  const row = page.getByRole("table").filter({ hasText: "Panel interview" }).getByRole("row", { name: /Panel interview/ });
  await expect(row).toContainText("Iris Interviewer");
  await expect(row).toContainText("Ivan Interviewer");
  await expect(row).toContainText("Tue 1 Dec 2026, 10:00 (UTC)");
});
