//! The snapshot format (`docs/snapshot-format.md`), and writing it.

use serde::Serialize;
use serde_json::{Map, Value};
use std::path::{Path, PathBuf};

/// The snapshot format version the collectors write.
pub const FORMAT_VERSION: u32 = 1;
/// The value of a snapshot's `kind`, by which scanners recognise it.
pub const SNAPSHOT_KIND: &str = "copguard-snapshot";

/// One account's (or subscription's) snapshot, as written to its file.
#[derive(Debug, Clone, Serialize)]
pub struct Snapshot {
    pub kind: &'static str,
    pub format_version: u32,
    pub tool: Tool,
    /// `aws`, `azure`.
    pub provider: &'static str,
    /// The AWS account id or Azure subscription id.
    pub account_id: String,
    /// `aws`, `aws-cn`, `aws-us-gov`; the Azure Resource Manager endpoint's
    /// cloud (`AzureCloud`, or the endpoint's host for others).
    pub partition: String,
    pub regions: Vec<String>,
    pub services: Vec<String>,
    pub collected_at: String,
    pub resources: Vec<SnapshotResource>,
    pub errors: Vec<CallError>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Tool {
    pub name: &'static str,
    pub version: &'static str,
}

/// A resource in canonical shape.
#[derive(Debug, Clone, Serialize)]
pub struct SnapshotResource {
    /// Stable across snapshots: the ARN or Azure resource id, or an
    /// address of the collector's own for what has none.
    pub address: String,
    #[serde(rename = "type")]
    pub resource_type: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arn: Option<String>,
    /// The region or location, or `global` for account-wide resources.
    pub region: String,
    pub attributes: Map<String, Value>,
    /// Attributes that could not be read (a denied call): policies that
    /// depend on them report "unknown", never a false failure.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unknown: Vec<String>,
}

/// A call that failed; collection went on without it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct CallError {
    pub account: String,
    pub service: String,
    pub region: String,
    pub api: String,
    pub message: String,
}

impl Snapshot {
    /// Sorts resources by type and address (dropping repeats) and errors,
    /// so two snapshots of the same account are byte-identical but for
    /// `collected_at`.
    pub fn sort(&mut self) {
        self.resources
            .sort_by(|a, b| (&a.resource_type, &a.address).cmp(&(&b.resource_type, &b.address)));
        self.resources
            .dedup_by(|a, b| a.address == b.address && a.resource_type == b.resource_type);
        self.errors.sort();
    }
}

/// Now, in UTC, RFC 3339 to the second.
pub fn now_rfc3339() -> String {
    time::OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default()
}

/// `copguard-<provider>-<account>-<UTC time>.json`, the default file name.
pub fn default_file_name(snapshot: &Snapshot) -> String {
    let stamp: String = snapshot
        .collected_at
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    format!(
        "copguard-{}-{}-{stamp}.json",
        snapshot.provider, snapshot.account_id
    )
}

/// Writes a snapshot through a temporary file renamed into place, so an
/// interrupted run never leaves a half-written snapshot.
pub fn write_snapshot(snapshot: &Snapshot, path: &Path) -> std::io::Result<()> {
    let mut text = serde_json::to_string_pretty(snapshot).map_err(std::io::Error::other)?;
    text.push('\n');
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "snapshot.json".into());
    let temporary = dir.join(format!(".{name}.partial-{}", std::process::id()));
    std::fs::write(&temporary, text)?;
    std::fs::rename(&temporary, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&temporary);
    })
}

/// Where each snapshot goes: `output` itself for one account (unless it is
/// a directory or ends with `/`), else one default-named file per account
/// inside `output` (or the current directory).
pub fn output_paths(snapshots: &[Snapshot], output: Option<&Path>) -> Vec<PathBuf> {
    let into_dir = |dir: &Path| -> Vec<PathBuf> {
        snapshots
            .iter()
            .map(|s| dir.join(default_file_name(s)))
            .collect()
    };
    match output {
        Some(path)
            if snapshots.len() == 1 && !path.is_dir() && !path.to_string_lossy().ends_with('/') =>
        {
            vec![path.to_path_buf()]
        }
        Some(dir) => into_dir(dir),
        None => into_dir(Path::new("")),
    }
}

/// Why [`collect_then_write`] stopped.
#[derive(Debug)]
pub enum Stopped<E> {
    /// The collection itself failed.
    Failed(E),
    /// Ctrl-C: nothing was written.
    Interrupted,
    /// No async runtime could be started.
    Runtime(std::io::Error),
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Runs a collection on a runtime of its own and writes its snapshots (see
/// [`output_paths`]); Ctrl-C stops it before anything is written.
pub fn collect_then_write<T, E>(
    collect: impl std::future::Future<Output = Result<T, E>>,
    snapshots: impl Fn(&T) -> &[Snapshot],
    output: Option<&Path>,
) -> Result<(Vec<PathBuf>, T), Stopped<E>> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(Stopped::Runtime)?;
    let collected = runtime.block_on(async {
        // Biased: the Ctrl-C handler is installed (on its first poll)
        // before collection starts, so an early Ctrl-C is never the
        // default action that ends the process.
        tokio::select! {
            biased;
            _ = tokio::signal::ctrl_c() => Err(Stopped::Interrupted),
            collected = collect => collected.map_err(Stopped::Failed),
        }
    })?;
    let paths = output_paths(snapshots(&collected), output);
    for (snapshot, path) in snapshots(&collected).iter().zip(&paths) {
        write_snapshot(snapshot, path).map_err(|source| Stopped::Write {
            path: path.clone(),
            source,
        })?;
    }
    Ok((paths, collected))
}

/// A progress bar on standard error, drawn only when it is a terminal.
pub fn progress_bar(show: bool, total: u64, what: &str) -> indicatif::ProgressBar {
    if !show {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(total),
        indicatif::ProgressDrawTarget::stderr(),
    );
    let template =
        format!("{{spinner}} collecting {{pos}}/{{len}} {what} {{wide_bar}} {{elapsed}}");
    if let Ok(style) = indicatif::ProgressStyle::with_template(&template) {
        bar.set_style(style);
    }
    bar
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snapshot(account: &str) -> Snapshot {
        Snapshot {
            kind: SNAPSHOT_KIND,
            format_version: FORMAT_VERSION,
            tool: Tool {
                name: "t",
                version: "0",
            },
            provider: "aws",
            account_id: account.into(),
            partition: "aws".into(),
            regions: vec![],
            services: vec![],
            collected_at: "2026-11-29T12:00:01Z".into(),
            resources: vec![],
            errors: vec![],
        }
    }

    #[test]
    fn one_account_goes_to_the_file_several_into_the_directory() {
        let one = [snapshot("1")];
        assert_eq!(
            output_paths(&one, Some(Path::new("a.json"))),
            [PathBuf::from("a.json")]
        );
        assert_eq!(
            output_paths(&one, None),
            [PathBuf::from("copguard-aws-1-20261129T120001Z.json")]
        );
        let two = [snapshot("1"), snapshot("2")];
        assert_eq!(
            output_paths(&two, Some(Path::new("out"))),
            [
                PathBuf::from("out/copguard-aws-1-20261129T120001Z.json"),
                PathBuf::from("out/copguard-aws-2-20261129T120001Z.json")
            ]
        );
    }

    #[test]
    fn writing_leaves_only_the_snapshot() {
        let dir =
            std::env::temp_dir().join(format!("copguard-snapshot-test-{}", std::process::id()));
        let path = dir.join("nested/s.json");
        write_snapshot(&snapshot("1"), &path).unwrap();
        let written: Vec<_> = std::fs::read_dir(path.parent().unwrap()).unwrap().collect();
        assert_eq!(written.len(), 1);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("{\n  \"kind\": \"copguard-snapshot\""));
        let _ = std::fs::remove_dir_all(dir);
    }
}
