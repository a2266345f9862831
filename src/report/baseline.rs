//! Baselines: the findings of an earlier scan, by fingerprint, so a gate
//! fails only on what is new (`--write-baseline FILE`, `--baseline FILE`).
//! Fingerprints never hold line numbers, so moving code or inserting lines
//! does not bring a baselined finding back; they do hold the file of a
//! source finding, so the same misconfiguration in another file is new.

use super::{Finding, Report};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::path::Path;

const KIND: &str = "copguard-baseline";

/// A baseline file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Baseline {
    pub kind: String,
    pub version: u32,
    pub findings: Vec<BaselineEntry>,
}

/// One baselined finding: its fingerprint, and what a person needs to
/// recognise it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct BaselineEntry {
    pub fingerprint: String,
    pub rule_id: String,
    pub address: String,
    pub file: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribute_path: Option<String>,
}

/// Where a finding stands against a baseline (SARIF's `baselineState`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BaselineState {
    New,
    Unchanged,
}

impl BaselineState {
    pub fn as_str(self) -> &'static str {
        match self {
            BaselineState::New => "new",
            BaselineState::Unchanged => "unchanged",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    #[error("cannot read the baseline {path}: {message}")]
    Read { path: String, message: String },
    #[error("cannot write the baseline {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
}

fn entry(finding: &Finding) -> BaselineEntry {
    BaselineEntry {
        fingerprint: finding.fingerprint.clone(),
        rule_id: finding.rule_id.clone(),
        address: finding.address.clone(),
        file: finding.location.path.to_string(),
        attribute_path: finding.path.clone(),
    }
}

/// The baseline of a report: its failures (not unknowns or suppressed
/// results), sorted.
pub fn of(report: &Report) -> Baseline {
    let mut findings: Vec<BaselineEntry> = report.findings.iter().map(entry).collect();
    findings.sort();
    findings.dedup_by(|a, b| a.fingerprint == b.fingerprint);
    Baseline {
        kind: KIND.to_string(),
        version: 1,
        findings,
    }
}

pub fn write(baseline: &Baseline, path: &Path) -> Result<(), BaselineError> {
    let mut text = serde_json::to_string_pretty(baseline).unwrap_or_default();
    text.push('\n');
    std::fs::write(path, text).map_err(|source| BaselineError::Write {
        path: path.display().to_string(),
        source,
    })
}

pub fn read(path: &Path) -> Result<Baseline, BaselineError> {
    let error = |message: String| BaselineError::Read {
        path: path.display().to_string(),
        message,
    };
    let text = std::fs::read_to_string(path).map_err(|e| error(e.to_string()))?;
    let baseline: Baseline = serde_json::from_str(&text)
        .map_err(|e| error(format!("line {}, column {}: {e}", e.line(), e.column())))?;
    if baseline.kind != KIND || baseline.version != 1 {
        return Err(error(format!(
            "not a copguard baseline (kind {:?}, version {}); write one with --write-baseline",
            baseline.kind, baseline.version
        )));
    }
    Ok(baseline)
}

impl Report {
    /// Marks every listed result new or unchanged against `baseline`, and
    /// keeps the baselined findings that are gone as `absent`.
    pub fn compare_with(&mut self, baseline: &Baseline) {
        let known: BTreeSet<&str> = baseline
            .findings
            .iter()
            .map(|e| e.fingerprint.as_str())
            .collect();
        // Entries by rule, address and file: a finding of a rule split from
        // a retired id (its alias) matches an entry of that id on the same
        // resource, wherever in it the new rule points.
        let mut by_resource: std::collections::BTreeMap<(&str, &str, &str), Vec<&str>> =
            Default::default();
        for e in &baseline.findings {
            by_resource
                .entry((e.rule_id.as_str(), e.address.as_str(), e.file.as_str()))
                .or_default()
                .push(e.fingerprint.as_str());
        }
        let rules = &self.rules;
        let mut seen = BTreeSet::new();
        for finding in self
            .findings
            .iter_mut()
            .chain(self.unknowns.iter_mut())
            .chain(self.suppressed.iter_mut())
        {
            let by_alias: Vec<&str> = rules[finding.rule_index]
                .aliases
                .iter()
                .filter_map(|alias| {
                    by_resource.get(&(
                        alias.as_str(),
                        finding.address.as_str(),
                        &*finding.location.path,
                    ))
                })
                .flatten()
                .copied()
                .collect();
            let state = if known.contains(finding.fingerprint.as_str()) {
                seen.insert(finding.fingerprint.clone());
                BaselineState::Unchanged
            } else if !by_alias.is_empty() {
                seen.extend(by_alias.iter().map(|f| f.to_string()));
                BaselineState::Unchanged
            } else {
                BaselineState::New
            };
            finding.baseline = Some(state);
        }
        self.absent = baseline
            .findings
            .iter()
            .filter(|e| !seen.contains(&e.fingerprint))
            .cloned()
            .collect();
        self.compared = true;
        self.summary.baselined = self
            .findings
            .iter()
            .filter(|f| f.baseline == Some(BaselineState::Unchanged))
            .count();
    }
}
