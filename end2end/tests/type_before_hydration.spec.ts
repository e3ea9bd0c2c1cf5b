import { expect, test } from "@playwright/test";
import { DEMO, hydrated, seedPanel, serverFnJson, switchUser } from "./helpers";

// On a slow link the scoring page shows long before it is interactive. What
// an interviewer types meanwhile must survive hydration and reach the
// server; choices that hydration would undo are refused, visibly.

test.describe.configure({ timeout: 180_000 });

// The bundle's wasm by any of its names: content-hashed (`panelkit.<hash>.wasm`)
// or plain (`panelkit_bg.wasm`).
const WASM = /\/pkg\/panelkit(\.[0-9a-f]+|_bg)?\.wasm$/;

type Sheet = { scorecard: { content: { questions: Record<string, { notes: string }> } } };

test("notes typed before the scoring page is interactive are kept and saved", async ({ page }) => {
  const panel = await seedPanel(page, `typing-${Date.now()}`);
  await switchUser(page, DEMO.interviewer.email);

  // A slow network, and the bundle held back until the typing is done, so
  // the typing surely happens before hydration.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false, latency: 200, downloadThroughput: 5_000_000, uploadThroughput: 1_000_000,
  });
  let release!: () => void;
  const typed = new Promise<void>((r) => { release = r; });
  await page.route(WASM, async (route) => {
    await typed;
    await route.continue();
  });

  await page.goto(`/interviews/${panel.draftInterview}`, { waitUntil: "domcontentloaded" });
  const cf = page.locator("#notes-q-cf");
  const tw = page.locator("#notes-q-tw");
  await expect(cf).toHaveValue("Calm and *clear*.");
  await expect(page.locator("body")).not.toHaveAttribute("data-hydrated", "true");

  // Typing into an empty field and after the saved text of another.
  await tw.click();
  await page.keyboard.type("Offered to take the overloaded colleague's calls.");
  await cf.click();
  await page.keyboard.press("End");
  await page.keyboard.type(" Typed before the page was live.");
  // A rating cannot be chosen yet, and says so by looking disabled.
  const rating = page.locator('input[name="rating-q-tw"]').first();
  await expect(rating).toBeDisabled();

  release();
  // The bundle at the throttled rate takes a while (36 MB in a debug build).
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true", { timeout: 120_000 });
  await expect(tw).toHaveValue("Offered to take the overloaded colleague's calls.");
  await expect(cf).toHaveValue("Calm and *clear*. Typed before the page was live.");
  await expect(rating).toBeEnabled();

  // Autosave carries both to the server.
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  await expect.poll(async () => {
    const sheet = await serverFnJson<Sheet>(page, "load_scorecard", { interview_id: panel.draftInterview });
    return [sheet.scorecard.content.questions["q-tw"]?.notes, sheet.scorecard.content.questions["q-cf"]?.notes];
  }).toEqual(["Offered to take the overloaded colleague's calls.", "Calm and *clear*. Typed before the page was live."]);

  // And a reload shows them.
  await page.unroute(WASM);
  await page.reload();
  await hydrated(page);
  await expect(tw).toHaveValue("Offered to take the overloaded colleague's calls.");
});
