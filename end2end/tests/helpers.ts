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
