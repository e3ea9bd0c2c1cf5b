import { expect, test, type Page } from "@playwright/test";
import { DEMO, hydrated, serverFnJson, signIn } from "../tests/helpers";

// Runs after the journeys, on the same two servers behind the proxy.
test.describe.configure({ timeout: 90_000 });

type Stats = { proxied: number; perServer: number[]; serverErrors: unknown[]; kills: unknown[]; alive: boolean[] };

async function stats(page: Page): Promise<Stats> {
  return (await (await page.request.get("/__scaleout/stats")).json()) as Stats;
}

/** A published one-question guide, a candidate and an interview with the demo interviewer. */
async function interview(page: Page): Promise<string> {
  await signIn(page, DEMO.recruiter.email);
  await hydrated(page);
  const roleId = await serverFnJson<string>(page, "create_role", {
    input: { title: `Failover ${Date.now()}`, department: "", description: "" },
  });
  await serverFnJson(page, "set_role_profile", {
    role_id: roleId,
    entries: [{ competency_id: "customer-focus", required_level: 3, weight: 1 }],
  });
  const draft = await serverFnJson<{ revision: number }>(page, "get_guide_draft", { role_id: roleId });
  const question = {
    id: "q-one", bank_id: null, kind: "Custom", competency_id: "customer-focus", title: "A customer",
    text: "Tell me about a customer you helped.", probes: [], listen_for: [],
  };
  const guide = {
    stages: [{ id: "panel", name: "Panel", sections: [{ id: "s1", competency_id: "customer-focus", minutes: 10, questions: [question] }] }],
    reference_questions: [],
  };
  const revision = await serverFnJson<number>(page, "save_guide_draft", { role_id: roleId, revision: draft.revision, guide });
  await serverFnJson(page, "publish_guide", { role_id: roleId, revision });
  const candidateId = await serverFnJson<string>(page, "add_candidate", {
    role_id: roleId, input: { name: "Fay Failover", email: `fay${Date.now()}@example.org`, notes: "" },
  });
  const people = await serverFnJson<{ id: string; email: string }[]>(page, "list_people", {});
  const ivan = people.find((p) => p.email === DEMO.interviewer.email)!.id;
  const scheduled = await serverFnJson<{ interview_id: string }>(page, "schedule_interview", {
    input: { candidate_id: candidateId, stage_id: "panel", scheduled_at: null, panel: [[ivan, []]] },
  });
  await page.context().clearCookies();
  return scheduled.interview_id;
}

test("the journeys crossed a killed server without a server error", async ({ page }) => {
  const s = await stats(page);
  expect(s.kills.length, "a server was killed during the journeys").toBeGreaterThan(0);
  expect(s.perServer.every((n) => n > 0), "both servers served requests").toBeTruthy();
  expect(s.serverErrors, "no 5xx from either server").toEqual([]);
});

test("notes saved before their server is killed are all still there", async ({ page }) => {
  const interviewId = await interview(page);
  await signIn(page, DEMO.interviewer.email);
  await hydrated(page);
  await page.goto(`/interviews/${interviewId}`);
  await hydrated(page);
  const notes = page.getByLabel("Notes").first();
  const status = page.getByTestId("save-status");

  await notes.fill("Saved before the kill.");
  await expect(status).toContainText(/Saved at \d\d:\d\d/);
  const killed = await page.request.post("/__scaleout/kill");
  expect(killed.ok()).toBeTruthy();

  await notes.fill("Saved before the kill. And after it.");
  const storedNotes = async () => {
    const sheet = await serverFnJson<{ scorecard: { content: { questions: Record<string, { notes: string }> } } }>(
      page, "load_scorecard", { interview_id: interviewId },
    );
    return sheet.scorecard.content.questions["q-one"]?.notes;
  };
  await expect.poll(storedNotes, { timeout: 20_000 }).toBe("Saved before the kill. And after it.");
  await expect(status).toContainText(/Saved at \d\d:\d\d/);

  await page.reload();
  await hydrated(page);
  await expect(page.getByLabel("Notes").first()).toHaveValue("Saved before the kill. And after it.");
  expect((await stats(page)).serverErrors).toEqual([]);
});
