import { expect, test, type Page } from "@playwright/test";
import { DEMO, hydrated, serverFnJson, signIn } from "./helpers";

// A bank question no demo guide and no other journey asks.
const BANK_ID = "cf-q-knowing-satisfaction";
const TITLE = "Knowing the customer was satisfied";
const NEW_TEXT = "Tell me about the last customer you checked back with after closing their request.";
const REASON = "Raters split on it: ask for one concrete follow-up.";

function scorecard(level: string) {
  return {
    questions: { "q-sat": { notes: "Called back a week later.", rating: level } },
    competencies: {
      "customer-focus": { assessment: { rated: level }, evidence: "Followed up.", not_assessed_reason: "", behaviors: [] },
    },
    recommendation: "yes",
    summary: "Solid.",
  };
}

/**
 * As the demo recruiter: a role whose published guide asks the bank question,
 * a candidate rated on it by Ivan and the second demo interviewer. Leaves the
 * page signed in as the recruiter; returns the candidate's id.
 */
async function ratedCandidate(page: Page): Promise<string> {
  await signIn(page, DEMO.recruiter.email);
  await hydrated(page);
  const roleId = await serverFnJson<string>(page, "create_role", {
    input: { title: `Account Manager ${Date.now()}`, department: "Customer Care", description: "" },
  });
  await serverFnJson(page, "set_role_profile", {
    role_id: roleId,
    entries: [{ competency_id: "customer-focus", required_level: 3, weight: 1 }],
  });
  const guide = {
    stages: [{
      id: "panel", name: "Panel",
      sections: [{
        id: "s-cf", competency_id: "customer-focus", minutes: 15,
        questions: [{
          id: "q-sat", bank_id: BANK_ID, kind: "Behavioral", competency_id: "customer-focus", title: TITLE,
          text: "How did you know a customer was satisfied?", probes: [], listen_for: [],
        }],
      }],
    }],
    reference_questions: [],
  };
  const draft = await serverFnJson<{ revision: number }>(page, "get_guide_draft", { role_id: roleId });
  const revision = await serverFnJson<number>(page, "save_guide_draft", { role_id: roleId, revision: draft.revision, guide });
  await serverFnJson(page, "publish_guide", { role_id: roleId, revision });
  const people = await serverFnJson<{ id: string; email: string }[]>(page, "list_people", {});
  const idOf = (email: string) => people.find((p) => p.email === email)!.id;
  const candidateId = await serverFnJson<string>(page, "add_candidate", {
    role_id: roleId,
    input: { name: "Mara Okafor", email: `mara.${Date.now()}@example.org`, notes: "" },
  });
  const raters = [DEMO.interviewer.email, "interviewer2@demo.panelkit.test"];
  const { interview_id } = await serverFnJson<{ interview_id: string }>(page, "schedule_interview", {
    input: {
      candidate_id: candidateId, stage_id: "panel", scheduled_at: Date.now() - 3_600_000,
      panel: raters.map((email) => [idOf(email), []]),
    },
  });
  for (const [i, email] of raters.entries()) {
    await page.context().clearCookies();
    await signIn(page, email);
    await hydrated(page);
    await serverFnJson(page, "submit_scorecard", {
      write: { interview_id, base_version: 0, idempotency_key: `e2e-revise-${i}-${Date.now()}`, content: scorecard(i ? "Advanced" : "Developing") },
    });
  }
  await page.context().clearCookies();
  await signIn(page, DEMO.recruiter.email);
  await hydrated(page);
  return candidateId;
}

test("a recruiter revises a question from the health notes and reads its history", async ({ page }) => {
  const candidateId = await ratedCandidate(page);

  await page.goto(`/candidates/${candidateId}/summary`);
  await hydrated(page);
  const row = page.locator("section.agreement tr", { hasText: TITLE });
  await row.getByRole("button", { name: "Revise" }).click();
  await row.getByLabel("New text").fill(NEW_TEXT);
  await row.getByLabel("Reason").fill(REASON);
  await row.getByRole("button", { name: "Revise…" }).click();
  // A confirmation step says what the revision does before it is made.
  await expect(row.getByText(/interviews not started yet/)).toBeVisible();
  await row.getByRole("button", { name: "Confirm revision" }).click();
  await expect(row.getByRole("status")).toContainText("Revised to version 2.");
  await expect(row.getByRole("status")).toContainText("Account Manager");

  // The history, followed from the notice and loaded by its address.
  await row.getByRole("link", { name: "See its history" }).click();
  await expect(page).toHaveURL(new RegExp(`/library/customer-focus#${BANK_ID}$`));
  for (const load of [false, true]) {
    if (load) await page.goto(`/library/customer-focus#${BANK_ID}`);
    const card = page.locator(`article#${BANK_ID}`);
    await expect(card.locator(".badges")).toContainText("Version 2");
    const history = card.getByRole("region", { name: "History" });
    await expect(history).toContainText(`Version 2 — Rita Recruiter`);
    await expect(history).toContainText(REASON);
    await expect(history).toContainText(NEW_TEXT);
    await expect(history).toContainText("Version 1 — the bank file");
    await expect(card.locator(".question-text")).toContainText("checked back with");
  }

  // Admins may act too.
  await page.context().clearCookies();
  await signIn(page, DEMO.admin.email);
  await hydrated(page);
  await page.goto(`/candidates/${candidateId}/summary`);
  await hydrated(page);
  await expect(page.locator("section.agreement tr", { hasText: TITLE }).getByRole("button", { name: "Retire" })).toBeVisible();
});
