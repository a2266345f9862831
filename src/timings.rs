//! Opt-in wall time per scan stage: with `COPGUARD_TIMINGS=1` in the
//! environment, each stage prints one line to stderr as it ends
//! (`copguard: timing load 1234.5 ms`). For benchmarks (`scripts/bench.sh`);
//! off by default and never in a report, so outputs stay byte-identical.

use std::time::Instant;

/// A stopwatch that prints a line per stage when timings are on.
pub struct Timings {
    /// Start of the current stage; `None` when timings are off.
    since: Option<Instant>,
}

impl Timings {
    /// On when `COPGUARD_TIMINGS` is set to anything but `0` or empty.
    pub fn from_env() -> Timings {
        let on = std::env::var_os("COPGUARD_TIMINGS").is_some_and(|v| !v.is_empty() && v != "0");
        Timings {
            since: on.then(Instant::now),
        }
    }

    /// Ends the current stage, named `stage`, and starts the next.
    pub fn stage(&mut self, stage: &str) {
        if let Some(since) = self.since {
            let ms = since.elapsed().as_secs_f64() * 1000.0;
            eprintln!("copguard: timing {stage} {ms:.1} ms");
            self.since = Some(Instant::now());
        }
    }
}
