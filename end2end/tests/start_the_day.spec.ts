import { expect, test, type Page } from "@playwright/test";
import { DEMO, hydrated, serverFnJson, signIn } from "./helpers";

// One journey across three people, each page loaded by URL more than once.
test.describe.configure({ timeout: 90_000 });

/** The to-do list `key` on the home page (its `data-todo`). */
const list = (page: Page, key: string) => page.locator(`section[data-todo="${key}"]`);

/** Opens the home page by URL, as a bookmark or a reload would. */
async function openHome(page: Page) {
  await page.goto("/");
  await hydrated(page);
}

test("each home page's to-do items appear with the work and go when it is done", async ({ page }) => {
  const stamp = Date.now();
  const title = `Front Desk Lead ${stamp}`;
  const candidate = `Quinn Candidate ${stamp}`;

  // Recruiter: a new role has no published guide yet.
  await signIn(page, DEMO.recruiter.email);
  await hydrated(page);
  const roleId = await serverFnJson<string>(page, "create_role", {
    input: { title, department: "Front Office", description: "" },
  });
  await openHome(page);
  const noGuide = list(page, "roles-without-guide");
  await expect(noGuide.getByRole("link", { name: title })).toHaveAttribute("href", `/roles/${roleId}/guide`);

  await serverFnJson(page, "set_role_profile", {
    role_id: roleId,
    entries: [{ competency_id: "customer-focus", required_level: 3, weight: 1 }],
  });
  const people = await serverFnJson<{ id: string; email: string }[]>(page, "list_people", {});
  const idOf = (email: string) => people.find((p) => p.email === email)!.id;
  await serverFnJson(page, "set_role_team", {
    role_id: roleId,
    members: [
      [idOf(DEMO.manager.email), "HiringManager"],
      [idOf(DEMO.interviewer.email), "Interviewer"],
    ],
  });
  const question = {
    id: "q-desk", bank_id: null, kind: "Behavioral", competency_id: "customer-focus",
    title: "A queue at the desk", text: "Tell me about a day the queue at your desk got out of hand.",
    probes: [], listen_for: [],
  };
  const guide = {
    stages: [{ id: "panel", name: "Panel", sections: [{ id: "s-cf", competency_id: "customer-focus", minutes: 20, questions: [question] }] }],
    reference_questions: [],
  };
  const draft = await serverFnJson<{ revision: number }>(page, "get_guide_draft", { role_id: roleId });
  const revision = await serverFnJson<number>(page, "save_guide_draft", { role_id: roleId, revision: draft.revision, guide });
  await serverFnJson(page, "publish_guide", { role_id: roleId, revision });
  const candidateId = await serverFnJson<string>(page, "add_candidate", {
    role_id: roleId,
    input: { name: candidate, email: `quinn.${stamp}@example.org`, notes: "" },
  });
  await openHome(page);
  await expect(noGuide.getByRole("link", { name: title })).toHaveCount(0);
  const toSchedule = list(page, "candidates-to-schedule");
  await expect(toSchedule.getByRole("link", { name: candidate })).toHaveAttribute("href", `/candidates/${candidateId}`);

  // Interviewed yesterday, scorecard not in: overdue for the recruiter.
  const scheduled = await serverFnJson<{ interview_id: string }>(page, "schedule_interview", {
    input: {
      candidate_id: candidateId,
      stage_id: "panel",
      scheduled_at: Date.now() - 30 * 3_600_000,
      panel: [[idOf(DEMO.interviewer.email), []]],
    },
  });
  await openHome(page);
  await expect(toSchedule.getByRole("link", { name: candidate })).toHaveCount(0);
  const overdue = list(page, "overdue-scorecards").locator("li", { hasText: candidate });
  await expect(overdue).toContainText(`${DEMO.interviewer.name} owes a scorecard`);
  await expect(overdue).toHaveClass(/overdue/);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);

  // Interviewer: the scorecard is among the overdue ones at the top, marked
  // so, one click away. (Other tests leave overdue scorecards of their own,
  // some interviewed earlier than this one, so it need not be the first.)
  await signIn(page, DEMO.interviewer.email);
  await openHome(page);
  const toFinish = list(page, "scorecards-to-finish").locator("li");
  const owed = toFinish.filter({ hasText: candidate });
  await expect(owed.getByRole("link", { name: candidate })).toBeVisible();
  await expect(owed.locator(".badge")).toHaveText("Overdue");
  await expect(toFinish.first().locator(".badge")).toHaveText("Overdue");
  await expect(page.locator("section[data-todo='roles-without-guide']")).toHaveCount(0);
  await owed.getByRole("link", { name: candidate }).click();
  await expect(page).toHaveURL(new RegExp(`/interviews/${scheduled.interview_id}$`));
  await serverFnJson(page, "submit_scorecard", {
    write: {
      interview_id: scheduled.interview_id,
      base_version: 0,
      idempotency_key: `home-e2e-${stamp}`,
      content: {
        questions: { "q-desk": { notes: "Split the queue by need and kept everyone informed.", rating: "Independent" } },
        competencies: { "customer-focus": { assessment: { rated: "Independent" }, evidence: "Told people how long they would wait." } },
        recommendation: "yes",
        summary: "Calm under pressure.",
      },
    },
  });
  await openHome(page);
  await expect(list(page, "scorecards-to-finish").getByRole("link", { name: candidate })).toHaveCount(0);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);

  // Hiring manager: the panel is complete, the decision is theirs; the
  // summary and its PDF are one click away.
  await signIn(page, DEMO.manager.email);
  await openHome(page);
  const waiting = list(page, "awaiting-decision").locator("li", { hasText: candidate });
  await expect(waiting.getByRole("link", { name: "Summary PDF" })).toHaveAttribute("href", `/candidates/${candidateId}/summary.pdf`);
  await waiting.getByRole("link", { name: candidate }).click();
  await expect(page).toHaveURL(new RegExp(`/candidates/${candidateId}/summary$`));
  await serverFnJson(page, "record_decision", {
    input: { candidate_id: candidateId, decision: "hire", rationale: "Handled the queue scenario well." },
  });
  await openHome(page);
  await expect(list(page, "awaiting-decision").getByRole("link", { name: candidate })).toHaveCount(0);
});
