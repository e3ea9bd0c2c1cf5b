import { expect, test, type Page } from "@playwright/test";
import { DEMO, hydrated, roleWithReferenceGuide, signIn } from "./helpers";

/** Collects the browser's Content-Security-Policy complaints on `page`. */
function cspViolations(page: Page): string[] {
  const found: string[] = [];
  page.on("console", (msg) => {
    if (/Content Security Policy/i.test(msg.text())) found.push(msg.text());
  });
  page.on("pageerror", (err) => {
    if (/Content Security Policy/i.test(err.message)) found.push(err.message);
  });
  return found;
}

test("every page hydrates under the Content-Security-Policy without a violation", async ({ page }) => {
  const violations = cspViolations(page);
  await signIn(page, DEMO.recruiter.email);
  await expect(page).toHaveURL("/");
  const { roleId, candidateId } = await roleWithReferenceGuide(page, "Csp Candidate");
  for (const path of [
    "/",
    "/roles",
    `/roles/${roleId}`,
    `/roles/${roleId}/guide`,
    `/roles/${roleId}/guide/preview`,
    `/candidates/${candidateId}`,
    `/candidates/${candidateId}/summary`,
    "/library",
    "/library/customer-focus",
    "/no/such/page",
  ]) {
    const res = await page.goto(path);
    const policy = res?.headers()["content-security-policy"] ?? "";
    expect(policy, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9_-]+' 'wasm-unsafe-eval'/);
    await hydrated(page);
  }
  // In-app navigation after hydration loads data through server functions.
  await page.goto("/");
  await hydrated(page);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Library" }).click();
  await expect(page).toHaveURL("/library");
  expect(violations).toEqual([]);
});

test("a script without this response's nonce does not run", async ({ page }) => {
  const violations = cspViolations(page);
  await page.goto("/login");
  await hydrated(page);
  const ran = await page.evaluate(async () => {
    const w = window as unknown as { injected?: boolean };
    const script = document.createElement("script");
    script.textContent = "window.injected = true;";
    document.body.append(script);
    const img = document.createElement("img");
    img.setAttribute("src", "x");
    img.setAttribute("onerror", "window.injected = true;");
    document.body.append(img);
    await new Promise((resolve) => setTimeout(resolve, 300));
    return w.injected === true;
  });
  expect(ran).toBe(false);
  await expect.poll(() => violations.length).toBeGreaterThan(0);
});
