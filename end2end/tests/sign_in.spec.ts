import { expect, test } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, hydrated, signIn } from "./helpers";

for (const [key, account] of Object.entries(DEMO)) {
  test(`the ${key} signs in, sees their own navigation and signs out`, async ({ page }) => {
    await signIn(page, account.email);
    await expect(page).toHaveURL("/");
    await expect(page.getByRole("heading", { name: `Welcome, ${account.name}` })).toBeVisible();
    await expect(page.getByTestId("role")).toHaveText(account.role);

    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Home" })).toBeVisible();
    if (key === "admin") {
      await expect(nav.getByRole("link", { name: "Users" })).toBeVisible();
    } else {
      await expect(nav.getByRole("link", { name: "Users" })).toHaveCount(0);
    }

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL("/login");
    // The session is gone server-side: going back to a page lands on sign-in.
    await page.goto("/");
    await expect(page).toHaveURL("/login");
  });
}

test("a wrong password shows one neutral message", async ({ page }) => {
  await signIn(page, DEMO.admin.email, "not-the-password");
  await expect(page).toHaveURL(/\/login\?error=/);
  await expect(page.getByRole("alert")).toHaveText("That email and password do not match an account.");
  await signIn(page, "nobody@demo.panelkit.test", DEMO_PASSWORD);
  await expect(page.getByRole("alert")).toHaveText("That email and password do not match an account.");
});

test("the page hydrates: the password can be shown and hidden in the browser", async ({ page }) => {
  await page.goto("/login");
  await hydrated(page);
  const password = page.getByLabel("Password", { exact: true });
  await expect(password).toHaveAttribute("type", "password");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(password).toHaveAttribute("type", "text");
  await page.getByRole("button", { name: "Hide" }).click();
  await expect(password).toHaveAttribute("type", "password");
});

test("the admin's user list is loaded through a server function", async ({ page }) => {
  await signIn(page, DEMO.admin.email);
  await hydrated(page);
  await page.getByRole("link", { name: "Users" }).click();
  await expect(page).toHaveURL("/users");
  await expect(page.getByRole("cell", { name: DEMO.recruiter.email })).toBeVisible();
});
