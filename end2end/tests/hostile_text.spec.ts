import { expect, test, type Page } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { DEMO, hydrated, routesOfTheApp, serverFnJson, signIn } from "./helpers";

/**
 * Hostile text in every free-text field, shown on every page that shows it,
 * loaded directly and by following a link: no script may run, no markup may
 * appear, and plain-text fields must show the text literally.
 *
 * Each string plants a marker if it ever becomes markup or script: an element
 * with `data-pwned`, or `window.__pwned`. That holds with or without the
 * Content-Security-Policy, which is a second line of defence, not the first.
 */
const CORPUS = [
  `</textarea><b data-pwned="textarea">t</b><img src=x onerror="window.__pwned='textarea'">`,
  `</title></style></script></noscript></xmp></iframe></noembed></noframes><b data-pwned="rawtext">r</b>`,
  `<img src=x onerror="window.__pwned='img'"><b data-pwned="tag" onmouseover="window.__pwned='hover'">b</b>`,
  `"><svg onload="window.__pwned='svg'"><b data-pwned="attr">a</b>`,
  `<math><mtext><table><mglyph><style><img src=x onerror="window.__pwned='math'">`,
  `<a href="javascript:window.__pwned='js'" data-pwned="js">link</a> [md](javascript:window.__pwned='md')`,
  `<a href="data:text/html,<script>parent.__pwned='data'</script>" data-pwned="data">d</a>`,
  `<!--<b data-pwned="comment">--> {candidate} \${7*7} {{7*7}}`,
];

/** The corpus squeezed under 80 characters, for names and titles. */
const SHORT = `"'><b data-pwned>s</b></textarea></title><img src=x onerror=window.__pwned=1>`;

/** A short field's value (names, titles): a label to find it by, then SHORT. */
const hostile = (field: string) => `${field} ${SHORT}`;

/** A long field's value (notes, answers, descriptions): the whole corpus. */
const hostileLong = (field: string) => `[${field}] ${CORPUS.join(" ")} ${SHORT}`;


const DEEP = ">".repeat(50_000) + " deep";

/**
 * Routes that show no text a person stored, so the tour below need not visit
 * them. Every other route of the router must be visited, so a new page is
 * covered by this corpus the day it is added.
 */
const SHOWS_NO_STORED_TEXT: Record<string, string> = {
  "/login": "the sign-in form only",
  "/library": "shipped bank text, rendered by the same sanitising Markdown renderer",
  "/account": "the password form only (the frame around it is toured on every page)",
  "/calibration": "shipped bank names and the reader's own attempts (numbers and dates)",
  "/calibration/:competency": "shipped calibration samples, rendered by the same sanitising Markdown renderer",
  "/calibration/:competency/results/:attempt": "shipped calibration samples and reasoning, and the levels the reader gave",
};

/** Whether `path` is an address of the route `template` (`:id` matches one segment). */
const isAddressOf = (template: string, path: string) =>
  new RegExp(`^${template.replace(/:[a-z_]+/g, "[^/]+")}$`).test(path);

async function assertInert(page: Page, where: string) {
  await hydrated(page);
  const planted = await page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: string }).__pwned ?? null,
    elements: Array.from(document.querySelectorAll("[data-pwned]")).map((e) => e.outerHTML.slice(0, 80)),
    handlers: Array.from(document.querySelectorAll("*"))
      .filter((e) => Array.from(e.attributes).some((a) => a.name.startsWith("on")))
      .map((e) => e.outerHTML.slice(0, 80)),
    scriptLinks: Array.from(document.querySelectorAll("a[href]"))
      .map((a) => a.getAttribute("href") ?? "")
      .filter((h) => /^\s*(javascript|data|vbscript):/i.test(h)),
  }));
  expect(planted, `${where}: nothing hostile became markup or ran`).toEqual({
    pwned: null, elements: [], handlers: [], scriptLinks: [],
  });
}

test("hostile text in every field stays text on every page", async ({ page, context }) => {
  test.setTimeout(240_000);
  const dialogs: string[] = [];
  page.on("dialog", (d) => { dialogs.push(d.message()); void d.dismiss(); });

  // An account whose display name is hostile, added the way admins add people.
  const port = process.env.PANELKIT_E2E_PORT ?? "3100";
  const accountEmail = `hostile${Date.now()}@demo.panelkit.test`;
  execFileSync("../target/debug/panelkit", ["user", "add", "--email", accountEmail,
    "--name", hostile("account name"), "--role", "interviewer"], {
    input: "a long enough password\n",
    env: { ...process.env, DATABASE_URL: `sqlite://../target/e2e/panelkit-e2e-${port}.db`, RUST_LOG: "error" },
  });

  // The recruiter builds a role, guide, candidate and panel out of hostile text.
  await signIn(page, DEMO.recruiter.email);
  await hydrated(page);
  const roleId = await serverFnJson<string>(page, "create_role", {
    input: { title: hostile("role title"), department: hostile("department"), description: hostileLong("role description") },
  });
  await serverFnJson(page, "set_role_profile", {
    role_id: roleId, entries: [{ competency_id: "customer-focus", required_level: 3, weight: 1 }],
  });
  const people = await serverFnJson<{ id: string; email: string }[]>(page, "list_people", {});
  const idOf = (email: string) => people.find((p) => p.email === email)!.id;
  await serverFnJson(page, "set_role_team", {
    role_id: roleId, members: [[idOf(DEMO.manager.email), "HiringManager"]],
  });
  const question = (id: string, kind: string) => ({
    id, bank_id: null, kind, competency_id: "customer-focus", title: hostile(`${id} title`),
    text: hostileLong(`${id} text`), probes: [hostileLong(`${id} probe`)], listen_for: [hostileLong(`${id} listen`)],
  });
  const guide = {
    stages: [{ id: "panel", name: hostile("stage name"), sections: [
      { id: "s-cf", competency_id: "customer-focus", minutes: 20, questions: [question("q-cf", "Behavioral")] }] }],
    reference_questions: [question("r-cf", "Reference")],
  };
  const draft = await serverFnJson<{ revision: number }>(page, "get_guide_draft", { role_id: roleId });
  const revision = await serverFnJson<number>(page, "save_guide_draft", { role_id: roleId, revision: draft.revision, guide });
  await serverFnJson(page, "publish_guide", { role_id: roleId, revision });
  const candidateId = await serverFnJson<string>(page, "add_candidate", {
    role_id: roleId,
    input: { name: hostile("candidate name"), email: "hostile@cand.example", notes: hostileLong("candidate notes") },
  });
  const { interview_id: interviewId } = await serverFnJson<{ interview_id: string }>(page, "schedule_interview", {
    input: { candidate_id: candidateId, stage_id: "panel", scheduled_at: Date.now() - 3_600_000,
      panel: [[idOf(DEMO.interviewer.email), []], [idOf(accountEmail), []]] },
  });

  // Markdown that would take the server minutes is refused when saved, by field.
  const deep = await page.request.post("/api/add_candidate", {
    data: { role_id: roleId, input: { name: "Deep Notes", email: "deep@cand.example", notes: DEEP } },
  });
  expect(deep.status(), "50,000 nested quotes are refused").toBe(422);
  expect(await deep.text()).toContain("notes");

  // References: one answered by phone, one invited; its referee saves a draft.
  const referee = (name: string) => ({ candidate_id: candidateId, input: {
    name, email: `${Date.now()}@ref.example`, phone: "", relationship: "Peer", months_worked: 12 } });
  const phoned = await serverFnJson<string>(page, "add_referee", referee(hostile("referee name")));
  await serverFnJson(page, "record_phone_check", { request_id: phoned, input: {
    called_by: hostile("called by"), called_at: "",
    answers: [{ question_id: "r-cf", rating: 4, cant_say: false, text: hostileLong("phone answer") }] } });
  const invited = await serverFnJson<string>(page, "add_referee", referee("Plain Referee"));
  const invite = await serverFnJson<{ link: string }>(page, "send_reference_invitation", { request_id: invited });
  const token = invite.link.split("/").pop()!;
  const anonymous = await context.browser()!.newContext();
  const refPage = await anonymous.newPage();
  const base = page.url().replace(/\/[^/]*$/, "");
  await refPage.request.post(`${base}/api/referee_consent`, { data: { token } });
  const saved = await refPage.request.post(`${base}/api/referee_save_draft`, { data: { token,
    answers: [{ question_id: "r-cf", rating: 3, cant_say: false, text: hostileLong("referee draft") }] } });
  expect(saved.status()).toBe(200);
  await refPage.goto(`${base}/r/${token}`);
  await assertInert(refPage, "the referee's own form");
  await anonymous.close();

  // The recruiter opens that referee link: the reported attack.
  await page.goto(`/r/${token}`);
  await assertInert(page, "the referee link opened by a signed-in recruiter");
  await expect(page.locator("textarea").first()).toHaveValue(hostileLong("referee draft"));

  // The interviewer writes hostile notes and submits.
  await page.request.post("/auth/logout");
  await signIn(page, DEMO.interviewer.email);
  await hydrated(page);
  const content = {
    questions: { "q-cf": { notes: hostileLong("question notes"), rating: "Independent" } },
    competencies: { "customer-focus": { assessment: { rated: "Independent" }, evidence: hostileLong("evidence"),
      not_assessed_reason: "", behaviors: [] } },
    recommendation: "yes", summary: hostileLong("scorecard summary"),
  };
  await serverFnJson(page, "save_scorecard", { write: { interview_id: interviewId, base_version: 0,
    idempotency_key: `hostile-${Date.now()}`, content } });
  await page.goto(`/interviews/${interviewId}`);
  await assertInert(page, "the scoring page with a hostile draft");
  await expect(page.locator("textarea").first()).toHaveValue(hostileLong("question notes"));
  await serverFnJson(page, "submit_scorecard", { write: { interview_id: interviewId, base_version: 1,
    idempotency_key: `hostile-submit-${Date.now()}`, content } });

  // The hiring manager decides with a hostile rationale.
  await page.request.post("/auth/logout");
  await signIn(page, DEMO.manager.email);
  await hydrated(page);
  await serverFnJson(page, "record_decision", { input: { candidate_id: candidateId, decision: "hold",
    rationale: hostileLong("decision rationale") } });

  // The admin holds the candidate and the role with hostile reasons, sets a
  // hostile consent text and invites an account with a hostile name.
  await page.request.post("/auth/logout");
  await signIn(page, DEMO.admin.email);
  await hydrated(page);
  await serverFnJson(page, "place_hold", { scope: "Candidate", subject_id: candidateId, reason: hostileLong("hold reason") });
  await serverFnJson(page, "place_hold", { scope: "Role", subject_id: roleId, reason: hostile("role hold") });
  await serverFnJson(page, "save_data_settings", { settings: {
    retention_rule: "Off", retention_days: 365, referee_consent_text: hostileLong("consent text") } });
  const invitation = await serverFnJson<{ link: string }>(page, "invite_user", { input: {
    email: `invited${Date.now()}@demo.panelkit.test`, name: hostile("invited name"), role: "Interviewer" } });
  // A bank question revised and another retired, with hostile text and reasons.
  await serverFnJson(page, "revise_question", { input: { question_id: "cf-q-overcommitment",
    text: hostile("revised question"), reason: hostileLong("revision reason") } });
  await serverFnJson(page, "retire_question", { input: { question_id: "cf-q-difficult-relationship",
    reason: hostileLong("retirement reason") } });
  const welcome = new URL(invitation.link).pathname;
  const stranger = await context.browser()!.newContext();
  const welcomePage = await stranger.newPage();
  await welcomePage.goto(`${base}${welcome}`);
  await assertInert(welcomePage, "the set-password page of an invited account");
  await expect(welcomePage.locator("body")).toContainText(hostile("invited name"));
  await stranger.close();

  // Every page that shows any of it, as every role that may open it,
  // directly and then by following links inside the app.
  const pages: { who: keyof typeof DEMO; path: string; shows: string[] }[] = [
    { who: "recruiter", path: "/roles", shows: [hostile("role title")] },
    { who: "recruiter", path: `/roles/${roleId}`, shows: [hostile("role title"), hostile("candidate name")] },
    // The builder holds the names in form fields, checked by assertInert.
    { who: "recruiter", path: `/roles/${roleId}/guide`, shows: [] },
    { who: "recruiter", path: `/roles/${roleId}/guide/preview`, shows: [hostile("stage name")] },
    { who: "recruiter", path: `/candidates/${candidateId}`, shows: [hostile("candidate name"), hostile("referee name")] },
    { who: "recruiter", path: `/candidates/${candidateId}/summary`, shows: [hostile("candidate name"), hostileLong("decision rationale")] },
    { who: "manager", path: `/candidates/${candidateId}/summary`, shows: [hostile("candidate name"), hostileLong("decision rationale")] },
    { who: "manager", path: `/roles/${roleId}`, shows: [hostile("role title")] },
    { who: "recruiter", path: `/roles/${roleId}/slate`, shows: [hostile("role title"), hostile("candidate name")] },
    { who: "recruiter", path: `/roles/${roleId}/calibration`, shows: [hostile("role title")] },
    { who: "admin", path: "/users", shows: [hostile("account name"), hostile("invited name")] },
    { who: "admin", path: `/candidates/${candidateId}`, shows: [hostile("candidate name"), hostileLong("hold reason")] },
    { who: "admin", path: "/data", shows: [hostileLong("hold reason"), hostile("role hold")] },
    // Details are JSON there: checked inert, not literal.
    { who: "admin", path: "/audit", shows: [] },
    { who: "interviewer", path: "/interviews", shows: [hostile("candidate name")] },
    { who: "interviewer", path: `/interviews/${interviewId}`, shows: [hostile("candidate name"), hostile("stage name")] },
    { who: "interviewer", path: "/", shows: [] },
    { who: "admin", path: "/raters", shows: [] },
    { who: "admin", path: `/raters/${idOf(accountEmail)}`, shows: [hostile("account name")] },
    { who: "interviewer", path: "/me/rating", shows: [] },
    { who: "recruiter", path: "/library/customer-focus",
      shows: [hostileLong("revision reason"), hostile("revised question"), hostileLong("retirement reason")] },
  ];
  // The referee's link was toured above, as the referee and as a recruiter.
  const toured = [...pages.map((p) => p.path), `/r/${token}`, welcome];
  const untoured = routesOfTheApp().filter(
    (route) => !(route in SHOWS_NO_STORED_TEXT) && !toured.some((path) => isAddressOf(route, path)),
  );
  expect(untoured, "every page that may show stored text is in the hostile-text tour").toEqual([]);

  let signedInAs = "";
  for (const p of pages) {
    if (signedInAs !== p.who) {
      await page.request.post("/auth/logout");
      await signIn(page, DEMO[p.who].email);
      await hydrated(page);
      signedInAs = p.who;
    }
    await page.goto(p.path);
    await assertInert(page, `${p.path} as ${p.who}, loaded directly`);
    for (const text of p.shows) {
      await expect(page.locator("body"), `${p.path} shows ${text.slice(0, 30)}… literally`).toContainText(text);
    }
    // By a link: leave for the home page, then follow its link back when
    // there is one.
    await page.goto("/");
    await hydrated(page);
    const link = page.locator(`a[href="${p.path}"]`).first();
    if (await link.count()) {
      await link.click();
      await page.waitForURL((u) => u.pathname === p.path);
      await assertInert(page, `${p.path} as ${p.who}, by a link`);
    }
  }
  expect(dialogs, "no dialog was opened by page content").toEqual([]);
});
