import { expect, test, type Page } from "@playwright/test";
import { DEMO, hydrated, serverFnJson, signIn, switchUser } from "./helpers";

const PASSWORD = "a long enough password";

/** A new interviewer account with a password set through its link; returns its id. */
async function interviewer(page: Page, name: string, email: string): Promise<string> {
  const invited = await serverFnJson<{ user_id: string; link: string }>(page, "invite_user", {
    input: { email, name, role: "Interviewer" },
  });
  const token = new URL(invited.link).pathname.split("/").pop()!;
  await serverFnJson(page, "set_password_by_link", { token, password: PASSWORD });
  return invited.user_id;
}

/** A complete scorecard: Customer Focus at `cf`, Teamwork at `tw` unless absent. */
function scorecard(cf: string, tw?: string) {
  const competencies: Record<string, unknown> = {
    "customer-focus": { assessment: { rated: cf }, evidence: "Rang the customer back.", not_assessed_reason: "", behaviors: [] },
  };
  if (tw) competencies.teamwork = { assessment: { rated: tw }, evidence: "Shared the load.", not_assessed_reason: "", behaviors: [] };
  return { questions: {}, competencies, recommendation: "yes", summary: "" };
}

// An interviewer finds their own figures from the navigation; until their
// colleague submits there is nothing to compare, then the figures appear.
// An admin reads the same figures from the list of raters.
test("an interviewer reads how they rate, and an admin reads every interviewer", async ({ page }) => {
  test.setTimeout(120_000);
  const tag = Date.now();
  const rae = { name: `Rae Rater ${tag}`, email: `rae${tag}@demo.panelkit.test` };
  const rob = { name: `Rob Rater ${tag}`, email: `rob${tag}@demo.panelkit.test` };
  await signIn(page, DEMO.admin.email);
  await hydrated(page);
  const raeId = await interviewer(page, rae.name, rae.email);
  const robId = await interviewer(page, rob.name, rob.email);

  // Five candidates, each with Rae (whole stage) and Rob (Customer Focus).
  await switchUser(page, DEMO.recruiter.email);
  const roleId = await serverFnJson<string>(page, "create_role", {
    input: { title: `Rated Role ${tag}`, department: "Care", description: "" },
  });
  await serverFnJson(page, "set_role_profile", { role_id: roleId, entries: [
    { competency_id: "customer-focus", required_level: 3, weight: 1 },
    { competency_id: "teamwork", required_level: 3, weight: 1 },
  ] });
  const question = (id: string, competency: string) => ({
    id, bank_id: null, kind: "Behavioral", competency_id: competency, title: id, text: "Tell me about a time.",
    probes: [], listen_for: [],
  });
  const guide = {
    stages: [{ id: "panel", name: "Panel", sections: [
      { id: "s-cf", competency_id: "customer-focus", minutes: 15, questions: [question("q-cf", "customer-focus")] },
      { id: "s-tw", competency_id: "teamwork", minutes: 10, questions: [question("q-tw", "teamwork")] },
    ] }],
    reference_questions: [],
  };
  const draft = await serverFnJson<{ revision: number }>(page, "get_guide_draft", { role_id: roleId });
  const revision = await serverFnJson<number>(page, "save_guide_draft", { role_id: roleId, revision: draft.revision, guide });
  await serverFnJson(page, "publish_guide", { role_id: roleId, revision });
  const interviews: string[] = [];
  for (let n = 1; n <= 5; n++) {
    const candidate = await serverFnJson<string>(page, "add_candidate", {
      role_id: roleId, input: { name: `Candidate ${n}`, email: `c${n}.${tag}@cand.example`, notes: "" },
    });
    const scheduled = await serverFnJson<{ interview_id: string }>(page, "schedule_interview", { input: {
      candidate_id: candidate, stage_id: "panel", scheduled_at: Date.now() - 3_600_000,
      panel: [[raeId, []], [robId, ["customer-focus"]]],
    } });
    interviews.push(scheduled.interview_id);
  }
  const submitAll = async (who: string, content: unknown) => {
    for (const [i, interview_id] of interviews.entries()) {
      await serverFnJson(page, "submit_scorecard", { write: {
        interview_id, base_version: 0, idempotency_key: `rater-${who}-${tag}-${i}`, content } });
    }
  };

  // Rae submits; Rob has not: nothing shared to compare yet.
  await page.context().clearCookies();
  await signIn(page, rae.email, PASSWORD);
  await hydrated(page);
  await submitAll("rae", scorecard("Advanced", "Independent"));
  await page.getByRole("link", { name: "My rating" }).click();
  await expect(page).toHaveURL(/\/me\/rating$/);
  await expect(page.locator("h1")).toHaveText("How you rate");
  await expect(page.getByTestId("rater-basis")).toContainText("5 submitted scorecards with 10 competency ratings");
  await expect(page.getByTestId("figure-severity")).toContainText("Too few shared ratings to say (0 of the 5 needed)");
  await expect(page.getByTestId("figure-scale")).toContainText("Uses 3 Independent to 4 Advanced");

  // Another interviewer's figures are not Rae's to read.
  await page.goto(`/raters/${robId}`);
  await hydrated(page);
  await expect(page.locator(".error[role=alert]")).toBeVisible();
  await expect(page.locator("body")).not.toContainText(rob.name);

  // Rob submits one level lower on every candidate.
  await page.context().clearCookies();
  await signIn(page, rob.email, PASSWORD);
  await hydrated(page);
  await submitAll("rob", scorecard("Independent"));

  await page.context().clearCookies();
  await signIn(page, rae.email, PASSWORD);
  await hydrated(page);
  await page.goto("/me/rating");
  await hydrated(page);
  await expect(page.getByTestId("figure-severity")).toContainText("+1.00 levels");
  await expect(page.getByTestId("figure-severity")).toContainText("more lenient");
  await expect(page.getByTestId("figure-agreement")).toContainText("100%");
  await expect(page.getByTestId("figure-unrated")).toContainText("0 of 10 competencies asked for");

  // The admin finds Rob in the list of raters and reads his figures.
  await switchUser(page, DEMO.admin.email);
  await page.getByRole("link", { name: "Raters", exact: true }).click();
  await expect(page.locator("h1")).toHaveText("Raters");
  await page.getByRole("link", { name: rob.name }).click();
  await expect(page).toHaveURL(new RegExp(`/raters/${robId}$`));
  await expect(page.locator("h1")).toHaveText(`How ${rob.name} rates`);
  await expect(page.getByTestId("figure-severity")).toContainText("−1.00 levels");
  await expect(page.getByTestId("figure-severity")).toContainText("stricter");
  await expect(page.getByTestId("figure-scale")).toContainText("Uses only 3 Independent");
  await expect(page.getByTestId("figure-unrated")).toContainText("0 of 5 competencies asked for");
  if (process.env.PANELKIT_SCREENSHOT_DIR) {
    await page.screenshot({ path: `${process.env.PANELKIT_SCREENSHOT_DIR}/rater-admin.png`, fullPage: true });
  }
  // Loaded directly by its address, the same figures.
  await page.goto(`/raters/${raeId}`);
  await hydrated(page);
  await expect(page.getByTestId("figure-severity")).toContainText("+1.00 levels");
});
