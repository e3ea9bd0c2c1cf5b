// The scale-out test bed: two `panelkit serve` processes on one fresh
// PostgreSQL schema behind a small round-robin HTTP proxy, as a load
// balancer would put them. Part way through the run one server is killed
// with SIGKILL (and started again shortly after), so the browser journeys
// cross a lost server.
//
// Environment:
//   PANELKIT_TEST_POSTGRES_URL   the database (a schema of its own is created with psql)
//   PANELKIT_E2E_PORT            where the proxy listens (the servers take the next two ports)
//   PANELKIT_SCALEOUT_KILL_AFTER requests proxied before a server is killed (default 150)
//
// Control endpoints on the proxy, for the tests only:
//   GET  /__scaleout/stats  what was proxied, killed and answered
//   POST /__scaleout/kill   kills the server that answered the latest save now

import { spawn, execFileSync } from "node:child_process";
import http from "node:http";

const base = process.env.PANELKIT_TEST_POSTGRES_URL;
if (!base) {
  console.error("PANELKIT_TEST_POSTGRES_URL must point at a PostgreSQL database");
  process.exit(2);
}
const PORT = Number(process.env.PANELKIT_E2E_PORT ?? 3100);
const KILL_AFTER = Number(process.env.PANELKIT_SCALEOUT_KILL_AFTER ?? 150);
const BINARY = "../target/debug/panelkit";

// A fresh schema per run: isolated from other runs and from the API tests.
const schema = `scaleout_${Date.now()}`;
execFileSync("psql", [base, "-v", "ON_ERROR_STOP=1", "-q", "-c", `CREATE SCHEMA ${schema}`], { stdio: "inherit" });
const databaseUrl = `${base}${base.includes("?") ? "&" : "?"}options=-c%20search_path%3D${schema}`;

const servers = [PORT + 1, PORT + 2].map((port, index) => ({ index, port, child: null, alive: false, inFlight: 0 }));
const stats = { proxied: 0, perServer: [0, 0], serverErrors: [], kills: [], retried: 0 };
let next = 0;
let lastSaveServer = null;

function start(server) {
  const child = spawn(
    BINARY,
    ["serve", "--demo", "--addr", `127.0.0.1:${server.port}`, "--site-root", "../target/site"],
    {
      env: { ...process.env, DATABASE_URL: databaseUrl, PANELKIT_LOGIN_RATE: "1000", RUST_LOG: "warn" },
      stdio: ["ignore", "inherit", "inherit"],
    },
  );
  server.child = child;
  child.on("exit", () => {
    if (server.child === child) server.alive = false;
  });
  return waitHealthy(server);
}

async function waitHealthy(server) {
  for (let i = 0; i < 600; i++) {
    const ok = await new Promise((resolve) => {
      const req = http.get({ host: "127.0.0.1", port: server.port, path: "/healthz" }, (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      });
      req.on("error", () => resolve(false));
    });
    if (ok) {
      server.alive = true;
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server on port ${server.port} did not become healthy`);
}

/** SIGKILLs `server` once nothing is in flight on it (new requests go to the other), then restarts it. */
function kill(server, why) {
  if (!server.alive) return;
  server.alive = false;
  const waitIdle = () => {
    if (server.inFlight > 0) return setTimeout(waitIdle, 5);
    server.child.kill("SIGKILL");
    stats.kills.push({ port: server.port, why, atRequest: stats.proxied });
    console.log(`[scaleout] killed the server on port ${server.port} (${why})`);
    setTimeout(() => start(server).catch((e) => console.error(e)), 1_000);
  };
  waitIdle();
}

function pick() {
  for (let i = 0; i < servers.length; i++) {
    const s = servers[next++ % servers.length];
    if (s.alive) return s;
  }
  return null;
}

function forward(server, req, body, res, retry) {
  server.inFlight++;
  let settled = false;
  const settle = () => {
    if (!settled) {
      settled = true;
      server.inFlight--;
    }
  };
  stats.perServer[server.index]++;
  const upstream = http.request(
    { host: "127.0.0.1", port: server.port, method: req.method, path: req.url, headers: req.headers },
    (up) => {
      if (up.statusCode >= 500) stats.serverErrors.push({ status: up.statusCode, path: req.url });
      if (req.url.startsWith("/api/save_scorecard") && up.statusCode === 200) lastSaveServer = server;
      res.writeHead(up.statusCode, up.headers);
      up.pipe(res);
      up.on("close", settle);
    },
  );
  // The browser may give up on a response (a navigation, a cancelled
  // fetch): nothing reads the rest of it then, the server's answer never
  // ends, and the server would count as busy for good, so that a kill
  // waiting for it to be idle never came. The request is over when the
  // browser's side of it closes.
  res.on("close", () => {
    if (!res.writableFinished) upstream.destroy();
    settle();
  });
  upstream.on("error", (err) => {
    settle();
    // The browser left (above): no one to answer.
    if (res.destroyed) return;
    // Refused: it never reached a server, so the other one may take it.
    const other = pick();
    if (err.code === "ECONNREFUSED" && retry && other && other !== server) {
      stats.retried++;
      forward(other, req, body, res, false);
    } else if (!res.headersSent) {
      res.writeHead(502, { "content-type": "text/plain" });
      res.end("bad gateway");
    } else {
      res.destroy();
    }
  });
  upstream.end(body);
}

const proxy = http.createServer((req, res) => {
  if (req.url === "/__scaleout/stats") {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ ...stats, alive: servers.map((s) => s.alive) }));
    return;
  }
  if (req.url === "/__scaleout/kill" && req.method === "POST") {
    const victim = lastSaveServer ?? servers[0];
    kill(victim, "asked by a test");
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ port: victim.port }));
    return;
  }
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    stats.proxied++;
    if (stats.proxied === KILL_AFTER) kill(servers[1], `after ${KILL_AFTER} requests`);
    const server = pick();
    if (!server) {
      res.writeHead(503, { "content-type": "text/plain" });
      res.end("no server");
      return;
    }
    forward(server, req, Buffer.concat(chunks), res, true);
  });
});

function stopAll() {
  for (const s of servers) s.child?.kill("SIGKILL");
}
process.on("SIGTERM", () => {
  stopAll();
  process.exit(0);
});
process.on("SIGINT", () => {
  stopAll();
  process.exit(0);
});
process.on("exit", stopAll);

// The first server migrates the schema and loads the demo data alone;
// then the second joins, as a new instance joins a running cluster.
await start(servers[0]);
await start(servers[1]);
proxy.listen(PORT, "127.0.0.1", () => console.log(`[scaleout] proxy on ${PORT} -> ${servers.map((s) => s.port).join(", ")}`));
