import { defineConfig } from "@playwright/test";

// The server under test: a fresh SQLite database with the demo accounts,
// on a port of its own so a developer's running instance is left alone.
const PORT = Number(process.env.PANELKIT_E2E_PORT ?? 3100);
const DB = `../target/e2e/panelkit-e2e-${PORT}.db`;

export default defineConfig({
  testDir: "./tests",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: `mkdir -p ../target/e2e && rm -f ${DB} ${DB}-wal ${DB}-shm && ../target/debug/panelkit serve --demo --addr 127.0.0.1:${PORT} --site-root ../target/site`,
    url: `http://127.0.0.1:${PORT}/healthz`,
    env: { DATABASE_URL: `sqlite://${DB}`, PANELKIT_LOGIN_RATE: "1000", RUST_LOG: "warn" },
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
