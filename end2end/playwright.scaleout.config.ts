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
    // The journeys that write what another server must then read: sessions,
    // guides, interviews, scorecards and their autosave, references and
    // decisions. Pages that only read or only exercise the browser (the
    // library, the sweeps, the slate, rater figures, escaping, CSP) run on
    // the plain suite; here they would add minutes and nothing about
    // servers sharing one database.
    {
      name: "journeys",
      testMatch: [
        "tests/sign_in.spec.ts",
        "tests/build_guide.spec.ts",
        "tests/schedule_interview.spec.ts",
        "tests/score_interview.spec.ts",
        "tests/protect_unsaved_work.spec.ts",
        "tests/answer_reference.spec.ts",
        "tests/read_summary.spec.ts",
      ],
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
