import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

// The browser journeys once more, against two app servers on one
// PostgreSQL behind a round-robin proxy (scaleout/cluster.mjs), one of them
// killed part way through; then a check that no acknowledged save was lost.
// Needs PANELKIT_TEST_POSTGRES_URL.
const PORT = Number(process.env.PANELKIT_E2E_PORT ?? 3100);

export default defineConfig({
  ...base,
  testDir: ".",
  projects: [
    // The journeys; not the hostile-text tour (it adds an account through
    // the command line on the plain run's SQLite file) nor the throttled
    // sweep (slow, and about bundle loading rather than the servers).
    {
      name: "journeys",
      testMatch: "tests/**/*.spec.ts",
      testIgnore: "tests/hostile_text.spec.ts",
      grepInvert: /over a slow network/,
    },
    { name: "failover", testMatch: "scaleout/**/*.spec.ts", dependencies: ["journeys"] },
  ],
  use: { ...base.use, baseURL: `http://127.0.0.1:${PORT}` },
  webServer: {
    command: "node scaleout/cluster.mjs",
    url: `http://127.0.0.1:${PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
  },
});
