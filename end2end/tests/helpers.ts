import { expect, type Page } from "@playwright/test";

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
