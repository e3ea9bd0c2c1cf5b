//! Rendering hostile Markdown: each input must render in under 50 ms or be
//! refused in under 1 ms (issue #10). Prints, per input, whether it was
//! refused, and the best and median time of the limit check and of the
//! whole render (which includes the check).
//!
//! Run with `cargo bench -p app --features ssr --bench markdown`. No
//! harness: a plain `main` timing with `Instant`, a warm-up, then the best
//! and median of nine runs.

use app::markdown::{MAX_CHARS, MAX_DEPTH, check_limits, to_safe_html};
use std::hint::black_box;
use std::time::{Duration, Instant};

const RUNS: usize = 9;

fn time(mut f: impl FnMut()) -> (Duration, Duration) {
    f();
    let mut samples: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    samples.sort();
    (samples[0], samples[RUNS / 2])
}

fn main() {
    let realistic = "## Evidence\n\n- Described **two** escalations, *calmly*\n  - followed up in [notes](https://example.org)\n> quoted the customer\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
        .repeat(MAX_CHARS / 160);
    let inputs: Vec<(&str, String)> = vec![
        ("50,000 nested >", ">".repeat(50_000)),
        ("50,000 nested <div>", "<div>".repeat(50_000)),
        ("50,000 nested > with spaces", "> ".repeat(50_000)),
        ("nested > at the size limit", ">".repeat(MAX_CHARS)),
        (
            "nested <div> at the size limit",
            "<div>".repeat(MAX_CHARS / 5),
        ),
        (
            "nested quotes at the depth limit, repeated",
            format!("{} deep\n\n", "> ".repeat(MAX_DEPTH)).repeat(MAX_CHARS / (2 * MAX_DEPTH + 8)),
        ),
        (
            "indented lists, one level more per line",
            (0..190)
                .map(|d| format!("{}- x", " ".repeat(d * 2)))
                .collect::<Vec<_>>()
                .join("\n")
                .chars()
                .take(MAX_CHARS)
                .collect(),
        ),
        (
            "unclosed emphasis and links",
            "*a _b [c ".repeat(MAX_CHARS / 9),
        ),
        ("realistic notes at the size limit", realistic),
    ];
    println!(
        "{:<46} {:>8} {:>22} {:>22}",
        "input", "refused", "check best/median", "render best/median"
    );
    for (name, text) in &inputs {
        let refused = check_limits(text).is_err();
        let (check_best, check_median) = time(|| {
            let _ = black_box(check_limits(black_box(text)));
        });
        let (render_best, render_median) = time(|| {
            black_box(to_safe_html(black_box(text)));
        });
        let budget = if refused {
            Duration::from_millis(1)
        } else {
            Duration::from_millis(50)
        };
        let verdict = if render_median < budget {
            "ok"
        } else {
            "OVER BUDGET"
        };
        println!(
            "{name:<46} {refused:>8} {:>10.3?} / {:<10.3?} {:>10.3?} / {:<10.3?} {verdict}",
            check_best, check_median, render_best, render_median
        );
    }
}
