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
    { name: "journeys", testMatch: "tests/**/*.spec.ts" },
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
