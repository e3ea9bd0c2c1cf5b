import { expect, test, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { DEMO, hydrated, serverFnJson, signIn } from "./helpers";

const CANDIDATE = "Zoë Nguyễn";

/** A complete scorecard rating Customer Focus at `cf` and Teamwork at `tw`. */
function scorecard(cf: string, tw: string, evidence: string, recommendation: string) {
  return {
    questions: { "q-cf": { notes: evidence, rating: cf } },
    competencies: {
      "customer-focus": { assessment: { rated: cf }, evidence, not_assessed_reason: "", behaviors: [] },
      teamwork: { assessment: { rated: tw }, evidence: "Shared the load without being asked.", not_assessed_reason: "", behaviors: [] },
    },
    recommendation,
    summary: "Overall a clear communicator.",
  };
}

/**
 * As the demo recruiter: a role (Hana as its hiring manager), a published
 * one-stage guide, a candidate and a panel of Ivan and Iris, who then both
 * submit: Ivan rates Customer Focus 2, Iris 4. Leaves the page signed out.
 */
async function candidateWithSplitPanel(page: Page): Promise<string> {
  await signIn(page, DEMO.recruiter.email);
  await hydrated(page);
  const roleId = await serverFnJson<string>(page, "create_role", {
    input: { title: `Support Lead ${Date.now()}`, department: "Customer Care", description: "" },
  });
  await serverFnJson(page, "set_role_profile", {
    role_id: roleId,
    entries: [
      { competency_id: "customer-focus", required_level: 3, weight: 3 },
      { competency_id: "teamwork", required_level: 3, weight: 2 },
    ],
  });
  const people = await serverFnJson<{ id: string; email: string }[]>(page, "list_people", {});
  const idOf = (email: string) => people.find((p) => p.email === email)!.id;
  await serverFnJson(page, "set_role_team", {
    role_id: roleId,
    members: [[idOf(DEMO.manager.email), "HiringManager"]],
  });
  const question = (id: string, competency: string, title: string) => ({
    id, bank_id: null, kind: "Behavioral", competency_id: competency, title,
    text: "Tell me about a time.", probes: [], listen_for: [],
  });
  const guide = {
    stages: [{
      id: "panel", name: "Panel interview",
      sections: [
        { id: "s-cf", competency_id: "customer-focus", minutes: 15, questions: [question("q-cf", "customer-focus", "An unhappy customer")] },
        { id: "s-tw", competency_id: "teamwork", minutes: 10, questions: [question("q-tw", "teamwork", "Sharing the load")] },
      ],
    }],
    reference_questions: [],
  };
  const draft = await serverFnJson<{ revision: number }>(page, "get_guide_draft", { role_id: roleId });
  const revision = await serverFnJson<number>(page, "save_guide_draft", { role_id: roleId, revision: draft.revision, guide });
  await serverFnJson(page, "publish_guide", { role_id: roleId, revision });
  const candidateId = await serverFnJson<string>(page, "add_candidate", {
    role_id: roleId,
    input: { name: CANDIDATE, email: `zoe.${Date.now()}@example.org`, notes: "" },
  });
  const { interview_id } = await serverFnJson<{ interview_id: string }>(page, "schedule_interview", {
    input: {
      candidate_id: candidateId, stage_id: "panel", scheduled_at: Date.now() - 3_600_000,
      panel: [[idOf(DEMO.interviewer.email), []], [idOf("interviewer2@demo.panelkit.test"), []]],
    },
  });
  const panel: [string, unknown][] = [
    [DEMO.interviewer.email, scorecard("Developing", "Independent", "Promised a refund, then forgot to follow up.", "no")],
    ["interviewer2@demo.panelkit.test", scorecard("Advanced", "Independent", "Calmed the customer and fixed the root cause.", "strong_yes")],
  ];
  for (const [email, content] of panel) {
    await page.context().clearCookies();
    await signIn(page, email);
    await hydrated(page);
    await serverFnJson(page, "submit_scorecard", {
      write: { interview_id, base_version: 0, idempotency_key: `e2e-summary-${Date.now()}`, content },
    });
  }
  await page.context().clearCookies();
  return candidateId;
}

test("a hiring manager reads a candidate's summary, records a decision and downloads the PDF", async ({ page }) => {
  const candidateId = await candidateWithSplitPanel(page);

  await signIn(page, DEMO.manager.email);
  await hydrated(page);
  await page.goto(`/candidates/${candidateId}`);
  await page.getByRole("link", { name: "Panel summary" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `${CANDIDATE}: panel summary` })).toBeVisible();
  await hydrated(page);

  // The grid: required level, each rater's level, and a flag on the split.
  const grid = page.getByRole("table").first();
  const cf = grid.getByRole("row", { name: /Customer Focus/ });
  await expect(cf).toContainText("Developing");
  await expect(cf).toContainText("Advanced");
  await expect(cf.getByRole("link", { name: /Split/ })).toBeVisible();
  await expect(grid.getByRole("row", { name: /Teamwork/ }).getByRole("link", { name: /Split/ })).toHaveCount(0);

  // The evidence of the two raters side by side.
  const split = page.locator("#split-customer-focus");
  await expect(split).toContainText("Promised a refund, then forgot to follow up.");
  await expect(split).toContainText("Calmed the customer and fixed the root cause.");

  // A decision with its rationale.
  await page.getByRole("radio", { name: "Hold" }).check();
  await page.getByLabel("Rationale").fill("Split on customer focus: a work sample first.");
  await page.getByRole("button", { name: "Record decision" }).click();
  await expect(page.getByText("Recorded: Hold.")).toBeVisible();
  await expect(page.locator(".current-decision")).toContainText("Hold");
  await expect(page.locator(".current-decision")).toContainText("Hana Hiring-Manager");

  // The PDF.
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download PDF" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("summary-zoe-nguyen.pdf");
  const bytes = readFileSync(await download.path());
  expect(bytes.subarray(0, 4).toString()).toBe("%PDF");
});
