import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { DEMO, hydrated, signIn } from "./helpers";

// Each journey sets up its own role and loads the page twice or more: give
// a busy two-core machine room.
test.describe.configure({ timeout: 60_000 });

/** Calls a JSON server function with the page's session; fails the test on an error status. */
async function serverFn<T>(request: APIRequestContext, name: string, body: unknown): Promise<T> {
  const res = await request.post(`/api/${name}`, { data: body });
  expect(res.ok(), `${name}: ${res.status()} ${await res.text()}`).toBeTruthy();
  return (await res.json()) as T;
}

function question(id: string, competency: string, kind: string, title: string, text: string, probes: string[], listen: string[]) {
  return { id, bank_id: null, kind, competency_id: competency, title, text, probes, listen_for: listen };
}

/**
 * As the demo recruiter: a role with two competencies, a published guide
 * with a panel stage, a candidate, and an interview with Ivan (all
 * competencies) and Iris on the panel. Leaves the page signed out.
 */
async function setUpInterview(page: Page, candidate: string): Promise<string> {
  await signIn(page, DEMO.recruiter.email);
  await hydrated(page);
  const r = page.request;
  const roleId = await serverFn<string>(r, "create_role", {
    input: { title: `Support Lead (${candidate})`, department: "Customer Service", description: "" },
  });
  await serverFn(r, "set_role_profile", {
    role_id: roleId,
    entries: [
      { competency_id: "customer-focus", required_level: 3, weight: 3 },
      { competency_id: "teamwork", required_level: 3, weight: 2 },
    ],
  });
  const guide = {
    stages: [
      {
        id: "panel",
        name: "Panel interview",
        sections: [
          {
            id: "s-cf",
            competency_id: "customer-focus",
            minutes: 15,
            questions: [
              question("q-unhappy", "customer-focus", "Behavioral", "An unhappy customer",
                "Tell me about a time a customer was **unhappy** with something you or your team had done. What did you do?",
                ["What did the customer say first?", "What did you do next?", "How did you know it was resolved?"],
                ["Listens before answering", "Owns the problem", "Follows up afterwards"]),
              question("q-promise", "customer-focus", "Situational", "A promise that cannot be kept",
                "A colleague promised a customer a date you know cannot be met. What do you do?",
                ["Who do you talk to first?", "What do you tell the customer?"],
                ["Honesty with the customer", "Works with the colleague, not around them"]),
            ],
          },
          {
            id: "s-tw",
            competency_id: "teamwork",
            minutes: 10,
            questions: [
              question("q-load", "teamwork", "Behavioral", "Sharing the load",
                "Tell me about a time a teammate was overloaded. What did you notice, and what did you do?",
                ["How did you find out?", "What did it cost you?"], ["Notices without being told", "Offers specific help"]),
            ],
          },
        ],
      },
    ],
    reference_questions: [],
  };
  const draft = await serverFn<{ revision: number }>(r, "get_guide_draft", { role_id: roleId });
  const revision = await serverFn<number>(r, "save_guide_draft", { role_id: roleId, revision: draft.revision, guide });
  await serverFn(r, "publish_guide", { role_id: roleId, revision });
  const candidateId = await serverFn<string>(r, "add_candidate", {
    role_id: roleId,
    input: { name: candidate, email: `${candidate.toLowerCase().replace(/\W+/g, ".")}@example.org`, notes: "" },
  });
  const people = await serverFn<{ id: string; email: string }[]>(r, "list_people", {});
  const idOf = (email: string) => people.find((p) => p.email === email)!.id;
  const scheduled = await serverFn<{ interview_id: string }>(r, "schedule_interview", {
    input: {
      candidate_id: candidateId,
      stage_id: "panel",
      scheduled_at: Date.now() + 3_600_000,
      panel: [
        [idOf(DEMO.interviewer.email), []],
        [idOf("interviewer2@demo.panelkit.test"), []],
      ],
    },
  });
  await page.context().clearCookies();
  return scheduled.interview_id;
}

type Sheet = {
  scorecard: {
    version: number;
    status: string;
    content: {
      questions: Record<string, { notes: string; rating: string | null }>;
      competencies: Record<string, { assessment: unknown; evidence: string; not_assessed_reason: string; behaviors: string[] }>;
      recommendation: string | null;
      summary: string;
    };
  };
};

async function stored(page: Page, interviewId: string): Promise<Sheet["scorecard"]> {
  return (await serverFn<Sheet>(page.request, "load_scorecard", { interview_id: interviewId })).scorecard;
}

async function openScoring(page: Page, interviewId: string) {
  await page.goto(`/interviews/${interviewId}`);
  await hydrated(page);
}

const status = (page: Page) => page.getByTestId("save-status");

test("an interviewer scores a whole interview with the keyboard alone", async ({ page }) => {
  const interviewId = await setUpInterview(page, "Kim Keyboard");
  await signIn(page, DEMO.interviewer.email);
  await hydrated(page);
  await openScoring(page, interviewId);
  await expect(page.getByRole("heading", { level: 1, name: "Kim Keyboard" })).toBeVisible();
  const kb = page.keyboard;

  // ? shows the shortcuts; Escape closes them.
  await kb.press("?");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
  await kb.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);

  // Section 1, question 1: notes, then a rating; the timer runs.
  await kb.press("j");
  await expect(page.locator('[data-item="question"][data-id="q-unhappy"]')).toBeFocused();
  await kb.press("t");
  await expect(page.getByRole("button", { name: "Pause the timer for Customer Focus" })).toBeVisible();
  await kb.press("e");
  await expect(page.getByLabel("Notes").first()).toBeFocused();
  await kb.type("Refund first, then called back a week later.");
  await kb.press("Escape");
  await kb.press("4");
  await expect(page.locator('input[name="rating-q-unhappy"][value="4"]')).toBeChecked();

  // Question 2: notes only.
  await kb.press("j");
  await kb.press("e");
  await kb.type("Would tell the customer the truth the same day.");
  await kb.press("Escape");

  // Customer Focus: level 3, evidence, a behavior observed.
  await kb.press("j");
  await expect(page.locator('[data-item="competency"][data-id="customer-focus"]')).toBeFocused();
  await kb.press("3");
  await expect(page.getByRole("group", { name: "Customer Focus: observed level" }).getByRole("radio", { name: "3 Independent" })).toBeChecked();
  await kb.press("e");
  await kb.type("Owned the complaint and followed up unprompted.");
  await kb.press("Escape");
  await kb.press("b");
  await kb.press("Space");
  await expect(page.locator('[data-item="competency"][data-id="customer-focus"] input[type=checkbox]').first()).toBeChecked();

  // Next section: Teamwork, not assessed with a reason.
  await kb.press("n");
  await expect(page.locator('[data-item="question"][data-id="q-load"]')).toBeFocused();
  await kb.press("j");
  await expect(page.locator('[data-item="competency"][data-id="teamwork"]')).toBeFocused();
  await kb.press("0");
  await expect(page.getByLabel("Why was it not assessed?")).toBeFocused();
  await kb.type("We ran out of time.");
  await kb.press("Escape");

  // Overall: recommendation 3 (yes) and a summary.
  await kb.press("j");
  await expect(page.locator('[data-item="overall"]')).toBeFocused();
  await kb.press("3");
  await expect(page.getByRole("radio", { name: "Yes", exact: true })).toBeChecked();
  await kb.press("e");
  await kb.type("Strong on customers; teamwork still to probe.");
  await kb.press("Escape");
  await expect(status(page)).toContainText(/Saved at \d\d:\d\d/);
  await expect(page.getByText("Everything required is done.")).toBeVisible();

  // Tab to Submit and press Enter.
  const submit = page.getByRole("button", { name: "Submit scorecard" });
  for (let i = 0; i < 30 && !(await submit.evaluate((b) => b === document.activeElement)); i++) {
    await kb.press("Tab");
  }
  await expect(submit).toBeFocused();
  await kb.press("Enter");
  await expect(page.getByText(/Submitted and locked/)).toBeVisible();
  await expect(page.getByRole("heading", { name: "The panel's scorecards" })).toBeVisible();
  await expect(page.getByLabel("Notes").first()).toBeDisabled();

  const card = await stored(page, interviewId);
  expect(card.status).toBe("submitted");
  expect(card.content.questions["q-unhappy"]).toEqual({ notes: "Refund first, then called back a week later.", rating: "Advanced" });
  expect(card.content.competencies["customer-focus"].assessment).toEqual({ rated: "Independent" });
  expect(card.content.competencies["customer-focus"].behaviors).toHaveLength(1);
  expect(card.content.competencies["teamwork"].assessment).toBe("not_assessed");
  expect(card.content.competencies["teamwork"].not_assessed_reason).toBe("We ran out of time.");
  expect(card.content.recommendation).toBe("yes");
});

test("edits made offline survive a reload and are applied once when back online", async ({ page, context }) => {
  const interviewId = await setUpInterview(page, "Olga Offline");
  await signIn(page, DEMO.interviewer.email);
  await hydrated(page);
  await openScoring(page, interviewId);
  const notes = page.locator("#notes-q-unhappy");
  await notes.fill("Before the network went.");
  await expect(status(page)).toContainText(/Saved at/);
  const before = await stored(page, interviewId);

  await context.setOffline(true);
  await notes.pressSequentially(" Offline one.");
  await page.locator("#evidence-customer-focus").fill("Written offline.");
  await expect(status(page)).toContainText(/Offline · \d+ changes? queued on this device/);
  const queued = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("panelkit.scorecard.")));
  expect(queued).toHaveLength(1);

  // Reloading while offline fails; the queue stays on the device.
  await page.reload().catch(() => undefined);
  await context.setOffline(false);
  await openScoring(page, interviewId);
  await expect(notes).toHaveValue("Before the network went. Offline one.");
  await expect(status(page)).toContainText(/Saved at/);
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("panelkit.scorecard.")))).toHaveLength(0);

  const after = await stored(page, interviewId);
  expect(after.content.questions["q-unhappy"].notes).toBe("Before the network went. Offline one.");
  expect(after.content.competencies["customer-focus"].evidence).toBe("Written offline.");
  // One document replaced the other: at most the queued write and the edits after it.
  expect(after.version - before.version).toBeGreaterThanOrEqual(1);
  expect(after.version - before.version).toBeLessThanOrEqual(2);

  // Signing out clears the device queue, even with changes still waiting.
  await page.route("**/api/save_scorecard", (route) => route.abort());
  await notes.pressSequentially(" Never sent.");
  await expect(status(page)).toContainText(/Not saved yet|Offline/);
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("panelkit.scorecard.")))).toHaveLength(1);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("panelkit.scorecard.")))).toHaveLength(0);
});

test("two tabs on one scorecard get the conflict message instead of overwriting", async ({ page, context }) => {
  const interviewId = await setUpInterview(page, "Tomas Twotabs");
  await signIn(page, DEMO.interviewer.email);
  await hydrated(page);
  await openScoring(page, interviewId);
  const other = await context.newPage();
  await openScoring(other, interviewId);

  await page.locator("#notes-q-unhappy").fill("Written in the first tab.");
  await expect(status(page)).toContainText(/Saved at/);

  await other.locator("#notes-q-unhappy").fill("Written in the second tab.");
  const conflict = other.getByTestId("conflict");
  await expect(conflict).toContainText("changed in another tab or window");
  await expect(status(other)).toContainText("Conflict");
  expect((await stored(page, interviewId)).content.questions["q-unhappy"].notes).toBe("Written in the first tab.");

  // The second tab keeps its text on purpose: it overwrites, visibly.
  await other.getByRole("button", { name: "Keep mine and overwrite" }).click();
  await expect(status(other)).toContainText(/Saved at/);
  expect((await stored(page, interviewId)).content.questions["q-unhappy"].notes).toBe("Written in the second tab.");

  // Now the first tab is behind: its next change is refused too, and it can
  // load what the second tab saved.
  await page.locator("#notes-q-unhappy").fill("First tab again.");
  await expect(page.getByTestId("conflict")).toContainText("changed in another tab or window");
  await page.getByRole("button", { name: "Load the saved version" }).click();
  await hydrated(page);
  await expect(page.locator("#notes-q-unhappy")).toHaveValue("Written in the second tab.");
  await expect(page.getByTestId("conflict")).toHaveCount(0);
  await expect(status(page)).toContainText(/Saved at/);
});
