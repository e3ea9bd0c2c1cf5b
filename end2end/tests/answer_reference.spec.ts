import { expect, test } from "@playwright/test";
import { DEMO, hydrated, roleWithReferenceGuide, signIn } from "./helpers";

test("a referee answers on a phone through the one-time link and the recruiter reads the answers", async ({
  browser,
  page,
}) => {
  await signIn(page, DEMO.recruiter.email);
  await hydrated(page);
  const { title } = await roleWithReferenceGuide(page, "Zoë Park");
  // To the candidate's page through the navigation, as a recruiter goes.
  const openCandidate = async () => {
    await page.goto("/");
    await hydrated(page);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Roles" }).click();
    await page.getByRole("link", { name: title }).click();
    await page.getByRole("link", { name: "Zoë Park" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Zoë Park" })).toBeVisible();
  };

  // The recruiter adds a referee and, with no mail set up, gets the link to send.
  await openCandidate();
  const panel = page.locator(".references-panel");
  await expect(panel.getByRole("heading", { name: "References" })).toBeVisible();
  await panel.getByText("Add a referee").click();
  await panel.getByLabel("Name").fill("Rhea Stone");
  await panel.getByLabel("Email").fill("rhea.stone@acme.example");
  await panel.getByLabel("Relationship to the candidate").selectOption({ label: "Manager" });
  await panel.getByLabel("Worked together (months)").fill("30");
  await panel.getByRole("button", { name: "Add referee" }).click();
  const card = panel.locator("li.referee", { hasText: "Rhea Stone" });
  await expect(card.locator(".status-badge")).toHaveText("Not sent");
  await card.getByRole("button", { name: "Send invitation" }).click();
  const linkField = card.getByTestId("invite-link");
  await expect(linkField).toHaveValue(/\/r\/[0-9a-f]{64}$/);
  const link = await linkField.inputValue();
  await expect(card.locator(".status-badge").first()).toHaveText("Sent");

  // The referee: no account, a fresh browser, a phone-sized screen.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const referee = await phone.newPage();
  // The referee's page downloads its own bundle and no other code.
  const scripts: string[] = [];
  referee.on("request", (r) => {
    const path = new URL(r.url()).pathname;
    if (/\.(js|wasm)$/.test(path)) scripts.push(path);
  });
  await referee.goto(link);
  await hydrated(referee);
  expect(scripts.length).toBeGreaterThanOrEqual(2);
  expect(scripts.filter((p) => !/^\/pkg\/referee[._]/.test(p))).toEqual([]);
  await expect(referee.getByRole("heading", { level: 1, name: "Reference for Zoë Park" })).toBeVisible();
  await expect(referee.getByText("How your answers are used")).toBeVisible();
  await expect(referee.getByText(/Rita Recruiter/).first()).toBeVisible();
  await expect(referee.getByRole("button", { name: "Start" })).toBeDisabled();
  await referee.getByLabel(/I agree to give a reference about Zoë Park/).check();
  await referee.getByRole("button", { name: "Start" }).click();

  const questions = referee.locator(".ref-question");
  await expect(questions).toHaveCount(2);
  const first = questions.nth(0);
  await expect(first).toContainText("How did Zoë Park deal with customers");
  await expect(first.locator(".ref-level")).toHaveCount(6); // five levels and "I can't say"
  await expect(first.locator(".ref-anchor").first()).toBeVisible();
  // Levels are described as a referee saw them, not as an interview answer.
  await expect(first.locator(".ref-anchor").first()).toContainText("You saw them help customers");
  await expect(first.locator(".ref-anchor", { hasText: /The (candidate|answer|example)/ })).toHaveCount(0);
  await first.getByRole("radio", { name: /^4\s*Advanced/ }).check();
  await expect(referee.getByText("Draft saved.")).toBeVisible();
  await first.getByLabel(/What did you see/).fill("Rang back every unhappy customer within a day.");
  const second = questions.nth(1);
  await second.getByRole("radio", { name: /I can't say/ }).check();
  await expect(referee.getByText("All 2 questions answered.")).toBeVisible();

  // Nothing on the page is wider than the phone.
  const overflow = await referee.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  await referee.getByRole("button", { name: "Review and submit" }).click();
  await referee.getByRole("button", { name: "Submit final answers" }).click();
  await expect(referee.getByRole("heading", { name: "Thank you" })).toBeVisible();

  // The link now only says thank you; the answers cannot be read back.
  await referee.reload();
  await expect(referee.getByRole("heading", { name: "Thank you" })).toBeVisible();
  await expect(referee.getByText("Rang back every unhappy customer")).toHaveCount(0);
  await phone.close();

  // The recruiter sees the answers on the candidate's page, per competency.
  await openCandidate();
  const answered = page.locator(".references-panel li.referee", { hasText: "Rhea Stone" });
  await expect(answered.locator(".status-badge").first()).toHaveText("Submitted");
  await expect(answered.getByText("Rang back every unhappy customer within a day.")).toBeVisible();
  await expect(answered.locator(".ref-answers")).toContainText("Customer Focus");
  await expect(answered.locator(".ref-answers")).toContainText("4 · Advanced");
  await expect(answered.locator(".ref-answers")).toContainText("Can't say");
  await expect(page.getByText(/Shown once at least 2 references have answered \(1 so far\)/)).toBeVisible();
});
