import { expect, test, type Page } from "@playwright/test";
import { DEMO, completeScorecard, hydrated, seedPanel, serverFnJson, switchUser } from "./helpers";

test.describe.configure({ timeout: 90_000 });

// Text that closes the text area and adds script three ways. Each, if it
// ran, bumps window.__pwned.
const HOSTILE =
  "</textarea><script>window.__pwned=(window.__pwned||0)+1</script>" +
  "<img src=x onerror=\"window.__pwned=(window.__pwned||0)+1\">" +
  "</TEXTAREA ><svg onload=\"window.__pwned=(window.__pwned||0)+1\"></svg> & &amp; done";

/** Loads `path` directly and checks the hostile text shows literally in `field` and nothing ran. */
async function expectInert(page: Page, path: string, field: string) {
  const dialogs: string[] = [];
  page.on("dialog", (d) => { dialogs.push(d.message()); void d.dismiss(); });
  // The HTML the server sends, before any script: no element from the text.
  const html = await (await page.request.get(path)).text();
  expect(html).not.toContain("<script>window.__pwned");
  expect(html).not.toContain("<img src=x");
  expect(html).not.toContain("<svg onload");
  await page.goto(path);
  // Before hydration the field already holds the text, literally.
  await expect(page.locator(field)).toHaveValue(HOSTILE);
  await hydrated(page);
  await expect(page.locator(field)).toHaveValue(HOSTILE);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
}

test("a referee's draft that closes the text area shows as text to a signed-in recruiter", async ({ page }) => {
  const panel = await seedPanel(page, `esc-${Date.now()}`, HOSTILE);
  // The recruiter, signed in, opens the referee's link (as in the reported attack).
  await switchUser(page, DEMO.recruiter.email);
  await expectInert(page, panel.draftRefereeLink, "#ref-q1-text");
});

test("scorecard notes that close the text area show as text on the scoring page", async ({ page }) => {
  const panel = await seedPanel(page, `esc-notes-${Date.now()}`);
  await switchUser(page, DEMO.interviewer.email);
  const sheet = await serverFnJson<{ scorecard: { version: number } }>(page, "load_scorecard", { interview_id: panel.draftInterview });
  const content = completeScorecard("Advanced", "Independent", HOSTILE, "yes");
  await serverFnJson(page, "save_scorecard", {
    write: { interview_id: panel.draftInterview, base_version: sheet.scorecard.version, idempotency_key: `esc-${Date.now()}`, content },
  });
  await expectInert(page, `/interviews/${panel.draftInterview}`, "#notes-q-cf");
});
