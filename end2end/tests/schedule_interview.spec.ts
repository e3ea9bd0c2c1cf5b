import { expect, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { DEMO, hydrated, serverFnJson, signIn, switchUser } from "./helpers";

// A recruiter new to Panelkit, in a Berlin browser: confirms the zone the
// browser offers, schedules an interview across the night the clocks go
// forward (typed in Berlin time), sees it named in that zone, downloads its
// calendar file; the interviewer without a zone sees it in UTC; a zone
// chosen on the account page changes what the recruiter sees.
test.use({ timezoneId: "Europe/Berlin" });
test.describe.configure({ timeout: 90_000 });

test("an interview is scheduled and shown in each person's time zone, with its calendar file", async ({ page }) => {
  const stamp = Date.now();
  const email = `tz.recruiter.${stamp}@example.org`;
  const candidate = `Mara Zeit ${stamp}`;

  // A fresh recruiter account, so no other journey's zone is in play.
  await signIn(page, DEMO.admin.email);
  await hydrated(page);
  const invite = await serverFnJson<{ link: string }>(page, "invite_user", {
    input: { email, name: `Tessa Zone ${stamp}`, role: "Recruiter" },
  });
  await page.context().clearCookies();
  await serverFnJson(page, "set_password_by_link", {
    token: invite.link.split("/welcome/")[1],
    password: "a password of my own",
  });

  // First sign-in: times are in UTC until the offered zone is confirmed.
  await signIn(page, email, "a password of my own");
  await hydrated(page);
  const offer = page.getByRole("region", { name: "Your time zone" });
  await expect(offer).toContainText("Times are shown in UTC");
  await expect(offer).toContainText("Europe/Berlin");
  expect(await serverFnJson(page, "my_time_zone", {})).toBeNull();
  await offer.getByRole("button", { name: "Use Europe/Berlin" }).click();
  await expect.poll(() => serverFnJson(page, "my_time_zone", {})).toBe("Europe/Berlin");
  await hydrated(page);
  await expect(page.getByRole("region", { name: "Your time zone" })).toHaveCount(0);

  // A role with a published guide and a candidate.
  const roleId = await serverFnJson<string>(page, "create_role", {
    input: { title: `Night Desk ${stamp}`, department: "Front Office", description: "" },
  });
  await serverFnJson(page, "set_role_profile", {
    role_id: roleId,
    entries: [{ competency_id: "customer-focus", required_level: 3, weight: 1 }],
  });
  const question = {
    id: "q-night", bank_id: null, kind: "Behavioral", competency_id: "customer-focus",
    title: "A guest at 3 a.m.", text: "Tell me about a guest who needed help in the middle of the night.",
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
    input: { name: candidate, email: `mara.${stamp}@example.org`, notes: "" },
  });

  // Scheduling, typed in Berlin time: 02:30 does not exist that night.
  await page.goto(`/candidates/${candidateId}`);
  await hydrated(page);
  const starts = page.getByLabel("Starts (Europe/Berlin)");
  const ends = page.getByLabel("Ends", { exact: true });
  await page.getByLabel(`${DEMO.interviewer.name} (Interviewer)`).check();
  await starts.fill("2027-03-28T02:30");
  await ends.fill("2027-03-28T03:30");
  await page.getByRole("button", { name: "Schedule interview" }).click();
  await expect(page.getByRole("alert")).toContainText("does not exist in Europe/Berlin");
  await starts.fill("2027-03-28T01:30");
  await page.getByRole("button", { name: "Schedule interview" }).click();
  await expect(page.getByText("Interview scheduled.")).toBeVisible();
  const when = "Sun 28 Mar 2027, 01:30–03:30 (Europe/Berlin, CET→CEST)";
  const interviews = page.locator("table.interviews");
  await expect(interviews).toContainText(when);

  // Loaded by URL, the same.
  await page.goto(`/candidates/${candidateId}`);
  await hydrated(page);
  await expect(page.locator("table.interviews")).toContainText(when);

  // The calendar file: one hour, in UTC, with the panel.
  const download = page.waitForEvent("download");
  await page.locator("table.interviews").getByRole("link", { name: "Calendar (.ics)" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.ics$/);
  const ics = readFileSync((await file.path())!, "utf8");
  const unfolded = ics.replace(/\r\n /g, "");
  expect(unfolded).toContain("BEGIN:VCALENDAR\r\n");
  expect(unfolded).toContain("DTSTART:20270328T003000Z\r\n");
  expect(unfolded).toContain("DTEND:20270328T013000Z\r\n");
  expect(unfolded).toContain(`CN="${DEMO.interviewer.name}"`);
  expect(unfolded).toContain(`SUMMARY:Interview: ${candidate}`);
  for (const line of ics.split("\r\n")) {
    expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
  }

  // Another zone chosen on the account page, with a wrong name first.
  await page.goto("/account");
  await hydrated(page);
  const zone = page.getByLabel("Time zone (a place, e.g. Europe/Berlin)");
  await expect(zone).toHaveValue("Europe/Berlin");
  await zone.fill("Mars/Olympus_Mons");
  await page.getByRole("button", { name: "Save time zone" }).click();
  await expect(page.getByRole("alert")).toContainText("time_zone");
  await zone.fill("America/New_York");
  await page.getByRole("button", { name: "Save time zone" }).click();
  await expect(page.getByText("Times are now shown to you in America/New_York.")).toBeVisible();
  await page.goto(`/candidates/${candidateId}`);
  await hydrated(page);
  await expect(page.locator("table.interviews")).toContainText("Sat 27 Mar 2027, 20:30–21:30 (America/New_York, EDT)");

  // The interviewer, who has chosen no zone, sees UTC, named.
  await switchUser(page, DEMO.interviewer.email);
  await page.goto("/interviews");
  await hydrated(page);
  const row = page.locator("li.interview-row", { hasText: candidate });
  await expect(row).toContainText("Sun 28 Mar 2027, 00:30–01:30 (UTC)");
  await expect(row.getByRole("link", { name: "Add to calendar" })).toHaveAttribute("href", /\/invite\.ics$/);
});
