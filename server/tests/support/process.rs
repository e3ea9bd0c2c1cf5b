//! A real `panelkit serve` process for tests and benchmarks: started on a
//! free port, returned once `/healthz` answers, killed when dropped.
//!
//! Shared by the API tests, the durability test and the autosave benchmark
//! through `#[path]`, since benches cannot import test modules.

use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// A running `panelkit serve`.
pub struct ServerProcess {
    child: Child,
    /// `http://127.0.0.1:PORT`.
    pub base: String,
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl ServerProcess {
    /// Starts `bin serve` on `database_url` with the extra environment `env`
    /// and waits (up to 20 s) until it is healthy.
    pub async fn start(bin: &str, database_url: &str, env: &[(&str, &str)]) -> ServerProcess {
        // Take a free port from the OS, then hand it to the process.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(bin)
            .args(["serve", "--addr", &format!("127.0.0.1:{port}")])
            .env("DATABASE_URL", database_url)
            .env("RUST_LOG", "error")
            .envs(env.iter().copied())
            .stdout(Stdio::null())
            .spawn()
            .expect("start panelkit");
        let server = ServerProcess {
            child,
            base: format!("http://127.0.0.1:{port}"),
        };
        let client = reqwest::Client::new();
        for _ in 0..400 {
            let health = client.get(format!("{}/healthz", server.base)).send().await;
            if health.is_ok_and(|r| r.status().is_success()) {
                return server;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("panelkit serve did not become healthy");
    }

    /// SIGKILL: no shutdown, no flush; only what was committed survives.
    #[allow(dead_code, reason = "only the durability test kills")]
    pub fn kill9(mut self) {
        self.child.kill().expect("SIGKILL the server");
        let _ = self.child.wait();
    }
}
