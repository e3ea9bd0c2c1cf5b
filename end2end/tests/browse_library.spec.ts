import { expect, test } from "@playwright/test";
import { DEMO, hydrated, signIn } from "./helpers";

test("a recruiter finds every Customer Focus question and reads the competency", async ({ page }) => {
  await signIn(page, DEMO.recruiter.email);
  await hydrated(page);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Question library" }).click();
  await expect(page.getByRole("heading", { name: "Question library" })).toBeVisible();

  await page.getByLabel("Competency").selectOption({ label: "Customer Focus" });
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/competency=customer-focus/);
  // Five interview questions and seven reference-check questions.
  await expect(page.getByRole("status")).toHaveText("12 questions");
  await expect(page.locator(".question-list .badge.kind-reference")).toHaveCount(7);

  await page.getByLabel("Question type").selectOption("reference");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("status")).toHaveText("7 questions");

  await page.getByRole("link", { name: "Customer Focus" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Customer Focus" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Key elements" })).toBeVisible();
  const levels = page.getByRole("table", { name: "Proficiency levels" });
  for (const level of ["Entry", "Developing", "Independent", "Advanced", "Expert"]) {
    await expect(levels.getByRole("rowheader", { name: level })).toBeVisible();
  }
  // What referees rate against: what a colleague saw, not an interview answer.
  const referenceLevels = page.getByRole("table", { name: "Reference levels" });
  await expect(referenceLevels.getByRole("rowheader")).toHaveCount(5);
  await expect(referenceLevels.getByRole("row", { name: /Entry/ })).toContainText("You saw them help customers");
  await expect(page.getByRole("link", { name: "Export as Markdown" })).toHaveAttribute(
    "href",
    "/export/competency/customer-focus",
  );
});

test("interviewers do not see the library", async ({ page }) => {
  await signIn(page, DEMO.interviewer.email);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Question library" })).toHaveCount(0);
  await page.goto("/library");
  await expect(page.getByRole("alert")).toHaveText("You do not have access to this.");
});
