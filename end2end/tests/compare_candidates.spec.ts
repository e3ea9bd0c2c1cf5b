import { expect, test, type Page } from "@playwright/test";
import { DEMO, hydrated, serverFnJson, signIn } from "./helpers";

// The hiring manager compares a role's candidates on the slate and sorts it
// by each heading; the sort lives in the address, so a reload keeps it.
test.describe.configure({ timeout: 90_000 });

/** The candidate names of the slate's rows, top to bottom. The address
 * changes before the new order is drawn, so checks on it poll. */
const rowNames = (page: Page) => page.locator("table.slate tbody th[scope=row] a").allTextContents();

test("the slate sorts by overall, name and competency, and a reload keeps the sort", async ({ page }) => {
  const stamp = Date.now();
  const title = `Counter Lead ${stamp}`;
  // Named so that the alphabetical order is the reverse of the overall order.
  const [strong, weak] = [`Zed Strong ${stamp}`, `Abe Steady ${stamp}`];

  await signIn(page, DEMO.recruiter.email);
  await hydrated(page);
  const roleId = await serverFnJson<string>(page, "create_role", {
    input: { title, department: "Front Office", description: "" },
  });
  await serverFnJson(page, "set_role_profile", {
    role_id: roleId,
    entries: [
      { competency_id: "customer-focus", required_level: 3, weight: 3 },
      { competency_id: "teamwork", required_level: 3, weight: 1 },
    ],
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
  const question = (id: string, competency: string) => ({
    id, bank_id: null, kind: "Behavioral", competency_id: competency,
    title: `Question ${id}`, text: `Tell me about ${id}.`, probes: [], listen_for: [],
  });
  const guide = {
    stages: [{
      id: "panel", name: "Panel", sections: [
        { id: "s-cf", competency_id: "customer-focus", minutes: 20, questions: [question("q-cf", "customer-focus")] },
        { id: "s-tw", competency_id: "teamwork", minutes: 20, questions: [question("q-tw", "teamwork")] },
      ],
    }],
    reference_questions: [],
  };
  const draft = await serverFnJson<{ revision: number }>(page, "get_guide_draft", { role_id: roleId });
  const revision = await serverFnJson<number>(page, "save_guide_draft", { role_id: roleId, revision: draft.revision, guide });
  await serverFnJson(page, "publish_guide", { role_id: roleId, revision });

  const interviews: Record<string, string> = {};
  for (const name of [strong, weak]) {
    const candidateId = await serverFnJson<string>(page, "add_candidate", {
      role_id: roleId,
      input: { name, email: `${name.split(" ")[1].toLowerCase()}.${stamp}@example.org`, notes: "" },
    });
    const scheduled = await serverFnJson<{ interview_id: string }>(page, "schedule_interview", {
      input: {
        candidate_id: candidateId,
        stage_id: "panel",
        scheduled_at: Date.now() - 3 * 3_600_000,
        panel: [[idOf(DEMO.interviewer.email), []]],
      },
    });
    interviews[name] = scheduled.interview_id;
  }
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);

  // The interviewer rates the strong candidate higher on customer focus
  // (weight 3) and lower on teamwork (weight 1).
  await signIn(page, DEMO.interviewer.email);
  await hydrated(page);
  const ratings: [string, string, string][] = [[strong, "Expert", "Developing"], [weak, "Developing", "Expert"]];
  for (const [name, cf, tw] of ratings) {
    await serverFnJson(page, "submit_scorecard", {
      write: {
        interview_id: interviews[name],
        base_version: 0,
        idempotency_key: `slate-e2e-${interviews[name]}`,
        content: {
          questions: {
            "q-cf": { notes: "Seen in the answer.", rating: cf },
            "q-tw": { notes: "Seen in the answer.", rating: tw },
          },
          competencies: {
            "customer-focus": { assessment: { rated: cf }, evidence: "Seen in the answer.", not_assessed_reason: "", behaviors: [] },
            teamwork: { assessment: { rated: tw }, evidence: "Seen in the answer.", not_assessed_reason: "", behaviors: [] },
          },
          recommendation: "yes",
          summary: "Rated for the slate.",
        },
      },
    });
  }
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);

  // The hiring manager opens the slate by URL: highest overall first.
  await signIn(page, DEMO.manager.email);
  await page.goto(`/roles/${roleId}/slate`);
  await hydrated(page);
  await expect(page.getByRole("heading", { name: `Candidate slate: ${title}` })).toBeVisible();
  await expect.poll(() => rowNames(page)).toEqual([strong, weak]);
  await expect(page.getByRole("link", { name: "Overall ▼" })).toHaveAttribute("aria-current", "true");

  // By name: alphabetical, in the address, and kept across a reload.
  await page.getByRole("link", { name: "Candidate", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/roles/${roleId}/slate\\?sort=name$`));
  await expect(page.getByRole("link", { name: "Candidate ▼" })).toHaveAttribute("aria-current", "true");
  await expect.poll(() => rowNames(page)).toEqual([weak, strong]);
  await page.reload();
  await hydrated(page);
  await expect.poll(() => rowNames(page)).toEqual([weak, strong]);

  // By teamwork: the steady candidate's Expert comes first.
  await page.locator("table.slate thead a", { hasText: /^Teamwork/ }).click();
  await expect(page).toHaveURL(new RegExp(`sort=teamwork$`));
  await expect.poll(() => rowNames(page)).toEqual([weak, strong]);
  // By customer focus: the strong candidate first.
  await page.locator("table.slate thead a", { hasText: /^Customer Focus/ }).click();
  await expect(page).toHaveURL(new RegExp(`sort=customer-focus$`));
  await expect.poll(() => rowNames(page)).toEqual([strong, weak]);

  // Each name leads to that candidate's summary.
  await page.getByRole("link", { name: weak }).click();
  await expect(page).toHaveURL(/\/candidates\/[^/]+\/summary$/);
});
