//! Opt-in wall time per scan stage: with `COPGUARD_TIMINGS=1` in the
//! environment, each stage prints one line to stderr as it ends
//! (`copguard: timing load 1234.5 ms rss 210 MB peak 230 MB`), with the
//! process's resident memory at that moment and its peak so far (Linux
//! only; read from `/proc/self/status`). For benchmarks (`scripts/bench.sh`);
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
            match resident_mb() {
                Some((now, peak)) => {
                    eprintln!("copguard: timing {stage} {ms:.1} ms rss {now} MB peak {peak} MB")
                }
                None => eprintln!("copguard: timing {stage} {ms:.1} ms"),
            }
            self.since = Some(Instant::now());
        }
    }
}

/// Current and peak resident memory in MB (`VmRSS`, `VmHWM`), where the
/// system reports them.
fn resident_mb() -> Option<(u64, u64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| -> Option<u64> {
        let line = status.lines().find(|l| l.starts_with(name))?;
        let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kb / 1024)
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}
