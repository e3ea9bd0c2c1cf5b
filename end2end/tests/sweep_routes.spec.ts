import { expect, test, type Page } from "@playwright/test";
import { DEMO, hydrated, routesOfTheApp, seedPanel, serverFnJson, signIn, switchUser, type Panel } from "./helpers";

// Every page of the router, loaded directly (bookmark, reload, shared link)
// and by following a link from another page, by every kind of user, on realistic data; any
// console error or warning (hydration errors, panics, framework warnings),
// page error or failed request fails the test. The routes are read from the
// app's source at run time: a new page is swept without editing this file.

type Who = "anonymous" | "admin" | "recruiter" | "interviewer" | "manager";
const EVERYONE: Who[] = ["anonymous", "admin", "recruiter", "interviewer", "manager"];
const SIGNED_IN: Who[] = ["admin", "recruiter", "interviewer", "manager"];
const EMAIL: Record<Exclude<Who, "anonymous">, string> = {
  admin: DEMO.admin.email,
  recruiter: DEMO.recruiter.email,
  interviewer: DEMO.interviewer.email,
  manager: DEMO.manager.email,
};

/**
 * Who may use each page. A route missing here is expected to work for
 * every signed-in account; the others must get a clear refusal, not a crash.
 */
const ALLOWED: Record<string, Who[]> = {
  // Signed in, the server sends /login on to the home page.
  "/login": ["anonymous"],
  "/r/:token": EVERYONE,
  "/users": ["admin"],
  "/welcome/:token": EVERYONE,
  "/audit": ["admin", "recruiter"],
  "/data": ["admin"],
  "/roles": ["admin", "recruiter", "manager"],
  "/roles/:id": ["admin", "recruiter", "manager"],
  "/roles/:id/guide": ["admin", "recruiter"],
  "/roles/:id/guide/preview": ["admin", "recruiter", "manager"],
  "/roles/:id/slate": ["admin", "recruiter", "manager"],
  "/roles/:id/calibration": ["admin", "recruiter", "manager"],
  // An attempt is read by the one who took it only (the demo interviewer).
  "/calibration/:competency/results/:attempt": ["interviewer"],
  "/candidates/:id": ["admin", "recruiter", "manager"],
  "/candidates/:id/summary": ["admin", "recruiter", "manager"],
  "/library": ["admin", "recruiter", "manager"],
  "/library/:id": ["admin", "recruiter", "manager"],
  "/interviews": ["interviewer", "manager"],
  "/interviews/:id": ["interviewer"],
  "/raters": ["admin", "recruiter"],
  "/raters/:id": ["admin", "recruiter"],
};

/** The addresses to visit for a route: its parameters filled from the seeded data. */
function addresses(route: string, p: Panel): string[] {
  const samples: Record<string, string[]> = {
    "/r/:token": [p.draftRefereeLink],
    "/welcome/:token": [welcomeLink],
    "/roles/:id": [`/roles/${p.roleId}`],
    "/roles/:id/guide": [`/roles/${p.roleId}/guide`],
    "/roles/:id/guide/preview": [`/roles/${p.roleId}/guide/preview`],
    "/roles/:id/slate": [`/roles/${p.roleId}/slate`, `/roles/${p.roleId}/slate?sort=name`],
    "/candidates/:id": [`/candidates/${p.decidedCandidate}`, `/candidates/${p.draftCandidate}`],
    "/candidates/:id/summary": [`/candidates/${p.decidedCandidate}/summary`, `/candidates/${p.draftCandidate}/summary`],
    "/library/:id": ["/library/customer-focus"],
    "/interviews/:id": [`/interviews/${p.submittedInterview}`, `/interviews/${p.draftInterview}`],
    "/raters/:id": [`/raters/${p.interviewerId}`],
    "/roles/:id/calibration": [`/roles/${p.roleId}/calibration`],
    "/calibration/:competency": ["/calibration/customer-focus"],
    "/calibration/:competency/results/:attempt": [`/calibration/communication/results/${calibrationAttempt}`],
  };
  if (samples[route]) return samples[route];
  if (!route.includes(":") && !route.includes("*")) return [route];
  throw new Error(`The route ${route} has parameters: add sample addresses for it in sweep_routes.spec.ts`);
}

/** Collects everything that must not happen on a page. */
function watch(page: Page, allowDocumentStatus = false) {
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() !== "error" && m.type() !== "warning") return;
    // A refused page is answered 403/404 on purpose; the browser logs that.
    const refusedDocument = allowDocumentStatus && m.text().startsWith("Failed to load resource")
      && m.location().url === page.url();
    if (!refusedDocument) problems.push(`console ${m.type()}: ${m.text()} (${m.location().url})`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("requestfailed", (r) => {
    // Leaving a page cancels what it was still loading: not a failure.
    if (r.failure()?.errorText !== "net::ERR_ABORTED") problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
  });
  page.on("response", (r) => {
    if (r.status() < 400) return;
    if (allowDocumentStatus && r.request().resourceType() === "document") return;
    problems.push(`HTTP ${r.status()}: ${r.request().method()} ${r.url()}`);
  });
  return problems;
}

/** Lets late work finish (effects, server functions) before judging the page. */
async function settle(page: Page) {
  await hydrated(page);
  await page.waitForLoadState("networkidle");
}

/**
 * Follows a link to `href` from the page `page` shows, as a person would:
 * every page is a document of its own, loaded from the server and
 * hydrated where it is interactive.
 */
async function followLink(page: Page, href: string) {
  await page.evaluate((to) => {
    document.getElementById("sweep-link")?.remove();
    const a = document.createElement("a");
    a.href = to;
    a.textContent = "sweep";
    a.id = "sweep-link";
    document.body.append(a);
  }, href);
  const documents: string[] = [];
  const onRequest = (r: { resourceType(): string; url(): string }) => {
    if (r.resourceType() === "document") documents.push(r.url());
  };
  page.on("request", onRequest);
  await page.locator("#sweep-link").click();
  await page.waitForURL((u) => u.pathname === new URL(href, "http://x").pathname);
  await settle(page);
  page.off("request", onRequest);
  // The link loaded the page it names, once.
  expect(documents.map((u) => new URL(u).pathname), `following a link to ${href}`).toEqual([
    new URL(href, "http://x").pathname,
  ]);
}

const ROUTES = routesOfTheApp();
let panel: Panel;
/** An invited account's unused set-password link. */
let welcomeLink = "";
/** A calibration attempt of the demo interviewer. */
let calibrationAttempt = "";

test.describe.configure({ timeout: 600_000 });

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  panel = await seedPanel(page, `sweep-${Date.now()}`);
  await switchUser(page, DEMO.admin.email);
  const invitation = await serverFnJson<{ link: string }>(page, "invite_user", { input: {
    email: `sweep${Date.now()}@demo.panelkit.test`, name: "Sweep Invitee", role: "Interviewer" } });
  welcomeLink = new URL(invitation.link).pathname;
  await switchUser(page, DEMO.interviewer.email);
  const exercise = await serverFnJson<{ samples: { id: string }[] }>(page, "load_calibration_exercise", {
    competency_id: "communication" });
  calibrationAttempt = await serverFnJson<string>(page, "submit_calibration", {
    competency_id: "communication", ratings: exercise.samples.map((s) => ({ sample_id: s.id, level: 3 })) });
  await page.close();
});

test("the sweep finds the router's routes", () => {
  expect(ROUTES).toContain("/candidates/:id/summary");
  expect(ROUTES).toContain("/interviews/:id");
  expect(ROUTES.length).toBeGreaterThanOrEqual(10);
});

for (const who of EVERYONE) {
  test(`every page loads cleanly for ${who}, directly and by following a link`, async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    if (who !== "anonymous") {
      await signIn(page, EMAIL[who]);
      await hydrated(page);
    }
    const report: string[] = [];
    // One tab for the visits by link, started from the home page (or the
    // sign-in page when signed out, since home needs an account) and taken
    // from each page to the next: from pages of every kind, not only from
    // home.
    const live = await context.newPage();
    const liveProblems = watch(live);
    await live.goto(who === "anonymous" ? "/login" : "/");
    await settle(live);
    for (const route of ROUTES) {
      const allowed = (ALLOWED[route] ?? SIGNED_IN).includes(who);
      for (const href of addresses(route, panel)) {
        // Direct load.
        const direct = await context.newPage();
        const problems = watch(direct, !allowed);
        await direct.goto(href);
        await settle(direct);
        let heading = "";
        if (allowed) {
          await expect.soft(direct.locator(".error[role=alert]"), `${who} ${href}: error shown`).toHaveCount(0);
          heading = (await direct.locator("h1").first().textContent()) ?? "";
        }
        report.push(...problems.map((x) => `${who} direct ${href}: ${x}`));
        await direct.close();

        // By a link, from wherever the tab last was.
        if (allowed) {
          const from = live.url();
          const seen = liveProblems.length;
          await followLink(live, href);
          await expect.soft(live.locator(".error[role=alert]"), `${who} ${href}: error after following a link`).toHaveCount(0);
          if (heading) await expect.soft(live.locator("h1").first(), `${who} ${href}: heading after following a link`).toHaveText(heading);
          report.push(...liveProblems.slice(seen).map((x) => `${who} by link ${from} → ${href}: ${x}`));
        }
      }
    }
    await live.close();
    expect(report).toEqual([]);
    await context.close();
  });
}

test("every page loads cleanly over a slow network", async ({ browser }) => {
  const contexts = new Map<Who, Page>();
  const report: string[] = [];
  for (const route of ROUTES) {
    const who = (ALLOWED[route] ?? SIGNED_IN).find((w) => w !== "anonymous") ?? "anonymous";
    for (const href of addresses(route, panel).slice(0, 1)) {
      const context = await browser.newContext();
      const page = await context.newPage();
      if (who !== "anonymous") {
        await signIn(page, EMAIL[who]);
        await hydrated(page);
      }
      const problems = watch(page);
      const cdp = await context.newCDPSession(page);
      await cdp.send("Network.enable");
      // About a busy 40 Mbit/s link with a long round trip.
      await cdp.send("Network.emulateNetworkConditions", {
        offline: false, latency: 300, downloadThroughput: 5_000_000, uploadThroughput: 1_000_000,
      });
      await page.goto(href, { timeout: 120_000 });
      await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true", { timeout: 120_000 });
      await page.waitForLoadState("networkidle");
      report.push(...problems.map((x) => `${who} throttled ${href}: ${x}`));
      contexts.set(who, page);
      await context.close();
    }
  }
  expect(report).toEqual([]);
});

test("the favicon is served, as SVG and at /favicon.ico", async ({ page }) => {
  await page.goto("/login");
  const href = await page.locator('link[rel="icon"]').getAttribute("href");
  expect(href).toBeTruthy();
  for (const path of [href!, "/favicon.ico"]) {
    const res = await page.request.get(path);
    expect(res.status(), path).toBe(200);
    expect((await res.body()).length, path).toBeGreaterThan(0);
  }
});

test("a hiring manager records a decision on a summary loaded directly, and the page shows it", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = watch(page);
  await signIn(page, DEMO.manager.email);
  await hydrated(page);
  await page.goto(`/candidates/${panel.decidedCandidate}/summary`);
  await hydrated(page);
  await expect(page.locator(".current-decision")).toContainText("Hold");
  await page.getByRole("radio", { name: "Hire", exact: true }).check();
  await page.getByLabel("Rationale").fill("The work sample settled it.");
  await page.getByRole("button", { name: "Record decision" }).click();
  await expect(page.getByText("Recorded: Hire.")).toBeVisible();
  await expect(page.locator(".current-decision")).toContainText("Hire");
  await expect(page.locator(".current-decision")).not.toContainText("Hold");
  // Still right after a reload, and the earlier decision is kept in the history.
  await page.reload();
  await hydrated(page);
  await expect(page.locator(".current-decision")).toContainText("Hire");
  await expect(page.getByText("Earlier decisions")).toBeVisible();
  expect(problems).toEqual([]);
  await context.close();
});
