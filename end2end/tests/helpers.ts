import { expect, type Page } from "@playwright/test";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

export const DEMO_PASSWORD = "panelkit-demo";

export const DEMO = {
  admin: { email: "admin@demo.panelkit.test", name: "Ada Admin", role: "Admin" },
  recruiter: { email: "recruiter@demo.panelkit.test", name: "Rita Recruiter", role: "Recruiter" },
  interviewer: { email: "interviewer@demo.panelkit.test", name: "Ivan Interviewer", role: "Interviewer" },
  manager: { email: "manager@demo.panelkit.test", name: "Hana Hiring-Manager", role: "Hiring manager" },
} as const;

/** Waits until the wasm bundle has hydrated the page. */
export async function hydrated(page: Page) {
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
}

/** Signs in through the form and waits for the home page. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Calls the JSON server function `/api/{name}` as the signed-in user of `page`. */
export async function serverFnJson<T>(page: Page, name: string, body: unknown): Promise<T> {
  const res = await page.request.post(`/api/${name}`, { data: body });
  expect(res.status(), `${name}: ${await res.text()}`).toBe(200);
  return (await res.json()) as T;
}

/**
 * A role whose published guide asks two reference-check questions (Customer
 * Focus, Teamwork), with one candidate. Needs a recruiter signed in on `page`.
 */
export async function roleWithReferenceGuide(page: Page, candidateName: string) {
  const title = `Support Lead ${Date.now()}`;
  const roleId = await serverFnJson<string>(page, "create_role", {
    input: { title, department: "Customer Care", description: "" },
  });
  await serverFnJson(page, "set_role_profile", {
    role_id: roleId,
    entries: ["customer-focus", "teamwork"].map((id) => ({ competency_id: id, required_level: 3, weight: 1 })),
  });
  const draft = await serverFnJson<{ revision: number }>(page, "get_guide_draft", { role_id: roleId });
  const question = (id: string, competency: string, kind: string, title: string, text: string) => ({
    id, bank_id: null, kind, competency_id: competency, title, text, probes: [], listen_for: [],
  });
  const guide = {
    stages: [{
      id: "stage-panel", name: "Panel",
      sections: [{
        id: "section-cf", competency_id: "customer-focus", minutes: 20,
        questions: [question("q-cf", "customer-focus", "Behavioral", "An unhappy customer",
          "Tell me about a time you turned an unhappy customer around.")],
      }],
    }],
    reference_questions: [
      question("r-cf", "customer-focus", "Reference", "Customer focus",
        "How did {candidate} deal with customers who were unhappy with the service?"),
      question("r-tw", "teamwork", "Reference", "Teamwork",
        "How did {candidate} work with colleagues when priorities clashed?"),
    ],
  };
  const revision = await serverFnJson<number>(page, "save_guide_draft", {
    role_id: roleId, revision: draft.revision, guide,
  });
  await serverFnJson(page, "publish_guide", { role_id: roleId, revision });
  const candidateId = await serverFnJson<string>(page, "add_candidate", {
    role_id: roleId,
    input: { name: candidateName, email: `${candidateName.split(" ")[0].toLowerCase()}@cand.example`, notes: "" },
  });
  return { roleId, title, candidateId };
}

/** The second demo interviewer. */
export const IRIS = "interviewer2@demo.panelkit.test";

/** Signs `page` out and in again as `email`, and waits for hydration. */
export async function switchUser(page: Page, email: string) {
  await page.context().clearCookies();
  await signIn(page, email);
  await hydrated(page);
}

/** A complete scorecard of the two-competency guide of [`seedPanel`]. */
export function completeScorecard(cf: string, tw: string, evidence: string, recommendation: string) {
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

/** Everything [`seedPanel`] made, by what the pages need. */
export type Panel = {
  roleId: string;
  /** Both interviewers submitted, a decision and an answered reference. */
  decidedCandidate: string;
  /** Ivan's scorecard is a saved draft. */
  draftCandidate: string;
  /** Ivan's interview of the decided candidate (submitted). */
  submittedInterview: string;
  /** Ivan's interview of the draft candidate. */
  draftInterview: string;
  /** A referee's one-time link with a saved draft answer. */
  draftRefereeLink: string;
  /** Ivan's account id. */
  interviewerId: string;
};

/**
 * Realistic data for every page: a role with Hana as hiring manager and a
 * published guide (one panel stage, two reference questions); one candidate
 * with two submitted scorecards, a decision (Hold) and a submitted
 * reference plus a referee midway through a draft; another candidate with
 * Ivan's draft scorecard. `draftAnswer` is the text of the draft reference
 * answer. Leaves the page signed out.
 */
export async function seedPanel(page: Page, tag: string, draftAnswer = "Dealt well with most customers."): Promise<Panel> {
  await switchUser(page, DEMO.recruiter.email);
  const roleId = await serverFnJson<string>(page, "create_role", {
    input: { title: `Sweep Lead ${tag}`, department: "Customer Care", description: "Leads the *support* team." },
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
  await serverFnJson(page, "set_role_team", { role_id: roleId, members: [[idOf(DEMO.manager.email), "HiringManager"]] });
  const question = (id: string, competency: string, kind: string, title: string, text: string) => ({
    id, bank_id: null, kind, competency_id: competency, title, text, probes: ["What happened next?"], listen_for: ["Owns the problem"],
  });
  const guide = {
    stages: [{
      id: "panel", name: "Panel interview",
      sections: [
        { id: "s-cf", competency_id: "customer-focus", minutes: 15, questions: [question("q-cf", "customer-focus", "Behavioral", "An unhappy customer", "Tell me about a time a customer was unhappy.")] },
        { id: "s-tw", competency_id: "teamwork", minutes: 10, questions: [question("q-tw", "teamwork", "Behavioral", "Sharing the load", "Tell me about a time a teammate was overloaded.")] },
      ],
    }],
    reference_questions: [
      question("r-cf", "customer-focus", "Reference", "Customer focus", "How did {candidate} deal with unhappy customers?"),
      question("r-tw", "teamwork", "Reference", "Teamwork", "How did {candidate} work with colleagues?"),
    ],
  };
  const draft = await serverFnJson<{ revision: number }>(page, "get_guide_draft", { role_id: roleId });
  const revision = await serverFnJson<number>(page, "save_guide_draft", { role_id: roleId, revision: draft.revision, guide });
  await serverFnJson(page, "publish_guide", { role_id: roleId, revision });
  const addCandidate = (name: string) => serverFnJson<string>(page, "add_candidate", {
    role_id: roleId,
    input: { name, email: `${name.toLowerCase().replace(/\W+/g, ".")}.${tag}@example.org`, notes: "Referred by **Sam**." },
  });
  const decidedCandidate = await addCandidate("Dana Decided");
  const draftCandidate = await addCandidate("Drew Draft");
  const schedule = async (candidate: string, panel: string[]) => (await serverFnJson<{ interview_id: string }>(page, "schedule_interview", {
    input: { candidate_id: candidate, stage_id: "panel", scheduled_at: Date.now() - 3_600_000, panel: panel.map((e) => [idOf(e), []]) },
  })).interview_id;
  const submittedInterview = await schedule(decidedCandidate, [DEMO.interviewer.email, IRIS]);
  const draftInterview = await schedule(draftCandidate, [DEMO.interviewer.email]);

  // References: one answered, one midway through a draft.
  const invite = async (name: string) => {
    const requestId = await serverFnJson<string>(page, "add_referee", {
      candidate_id: decidedCandidate,
      input: { name, email: `${name.split(" ")[0].toLowerCase()}.${tag}@ref.example`, phone: "", relationship: "Manager", months_worked: 24 },
    });
    const res = await serverFnJson<{ link: string }>(page, "send_reference_invitation", { request_id: requestId });
    return res.link;
  };
  const answeredLink = await invite("Rhea Stone");
  const draftRefereeLink = await invite("Remy Draft");
  await page.context().clearCookies();
  const token = (link: string) => link.split("/r/")[1];
  const answers = (text: string) => [
    { question_id: "r-cf", rating: 4, cant_say: false, text },
    { question_id: "r-tw", rating: null, cant_say: true, text: "" },
  ];
  await serverFnJson(page, "referee_consent", { token: token(answeredLink) });
  await serverFnJson(page, "referee_submit", { token: token(answeredLink), answers: answers("Rang back every unhappy customer.") });
  await serverFnJson(page, "referee_consent", { token: token(draftRefereeLink) });
  await serverFnJson(page, "referee_save_draft", { token: token(draftRefereeLink), answers: answers(draftAnswer) });

  // Scorecards: both submit on the decided candidate, Ivan drafts the other.
  const key = (who: string) => `sweep-${who}-${Date.now()}`;
  await switchUser(page, DEMO.interviewer.email);
  await serverFnJson(page, "submit_scorecard", {
    write: { interview_id: submittedInterview, base_version: 0, idempotency_key: key("ivan"), content: completeScorecard("Developing", "Independent", "Promised a refund, then forgot.", "no") },
  });
  const partial = completeScorecard("Advanced", "Independent", "Calm and *clear*.", "yes");
  await serverFnJson(page, "save_scorecard", {
    write: { interview_id: draftInterview, base_version: 0, idempotency_key: key("ivan-draft"), content: { ...partial, recommendation: null } },
  });
  await switchUser(page, IRIS);
  await serverFnJson(page, "submit_scorecard", {
    write: { interview_id: submittedInterview, base_version: 0, idempotency_key: key("iris"), content: completeScorecard("Advanced", "Independent", "Fixed the root cause.", "strong_yes") },
  });
  await switchUser(page, DEMO.manager.email);
  await serverFnJson(page, "record_decision", {
    input: { candidate_id: decidedCandidate, decision: "hold", rationale: "A work sample first." },
  });
  await page.context().clearCookies();
  return {
    roleId, decidedCandidate, draftCandidate, submittedInterview, draftInterview,
    draftRefereeLink: new URL(draftRefereeLink).pathname, interviewerId: idOf(DEMO.interviewer.email),
  };
}

/** Every `path!("…")` in the app's source: the router's routes. */
export function routesOfTheApp(): string[] {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(".rs")) {
        for (const m of readFileSync(path, "utf8").matchAll(/path!\(\s*"([^"]*)"\s*\)/g)) found.add(m[1]);
      }
    }
  };
  walk(join(__dirname, "..", "..", "app", "src"));
  return [...found].sort();
}
