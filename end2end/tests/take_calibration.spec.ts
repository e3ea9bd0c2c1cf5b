import { expect, test } from "@playwright/test";
import { DEMO, hydrated, signIn } from "./helpers";

// An interviewer calibrates on Problem Solving: rates the five samples blind
// with the scoring keys, submits, reads each sample's level beside the
// experts' with both anchors highlighted, and reloads the results by URL.

test("an interviewer takes a calibration exercise by keyboard and reads the results", async ({ page }) => {
  await signIn(page, DEMO.interviewer.email);
  await hydrated(page);
  await page.getByRole("link", { name: "Calibration", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Calibration exercises" })).toBeVisible();
  await page.getByRole("link", { name: /: Problem Solving$/ }).click();
  await expect(page).toHaveURL(/\/calibration\/problem-solving$/);
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Calibration: Problem Solving");
  const samples = page.locator(".calibration-sample");
  await expect(samples).toHaveCount(5);
  // Blind: nothing of the experts' levels or reasoning on the page.
  await expect(page.getByText("Why the experts chose it")).toHaveCount(0);

  const kb = page.keyboard;
  for (let i = 0; i < 5; i++) await kb.press("3");
  await expect(page.getByText("5 of 5 samples rated")).toBeVisible();
  // k goes back one sample; a level key changes its rating.
  await kb.press("k");
  await kb.press("2");
  await expect(samples.nth(3).getByRole("radio", { name: "2 Developing" })).toBeChecked();
  await expect(samples.nth(0).getByRole("radio", { name: "3 Independent" })).toBeChecked();
  await page.getByRole("button", { name: "Submit my levels" }).click();

  await expect(page).toHaveURL(/\/calibration\/problem-solving\/results\/[^/]+$/);
  const resultsUrl = page.url();
  const check = async () => {
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Calibration results: Problem Solving");
    await expect(page.locator(".calibration-verdict")).toContainText(/of 5 samples \(\d+%\) within one level of the experts/);
    const results = page.locator(".calibration-result");
    await expect(results).toHaveCount(5);
    for (let i = 0; i < 5; i++) {
      const r = results.nth(i);
      await expect(r.locator(".your-level")).toHaveText(i === 3 ? "2 Developing" : "3 Independent");
      await expect(r.locator(".expert-level")).toHaveText(/^[1-5] (Entry|Developing|Independent|Advanced|Expert)$/);
      await expect(r.locator("li.highlight-yours")).toHaveCount(1);
      await expect(r.locator("li.highlight-expert")).toHaveCount(1);
      await expect(r.locator(".why strong").first()).toBeVisible();
      const expert = (await r.locator(".expert-level").textContent())!.slice(2);
      await expect(r.locator("li.highlight-expert .anchor-level")).toContainText(expert);
    }
    await expect(page.getByText("Why the experts chose it").first()).toBeVisible();
  };
  await check();
  await page.goto(resultsUrl);
  await hydrated(page);
  await check();

  await page.getByRole("link", { name: "Calibration exercises" }).first().click();
  const row = page.getByRole("row", { name: /Problem Solving/ });
  await expect(row).toContainText(/of 5 within one level/);
  await expect(row.getByRole("link", { name: /Take it again/ })).toBeVisible();
});
