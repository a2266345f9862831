//! JSON for machines. The wire types here are the contract, documented in
//! `docs/json-format.md`; `schema_version` changes when a field changes
//! meaning or goes away (adding fields does not change it).

use super::{Finding, Report, TOOL_NAME, TOOL_VERSION};
use crate::model::{Diagnostic, Location, Severity, Suppression, ValueOrigin};
use crate::policy::eval::Status;
use crate::policy::{MeasureRef, Topic};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{self, Write};

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
pub struct JsonReport<'a> {
    pub schema_version: u32,
    pub tool: JsonTool,
    pub summary: JsonSummary,
    pub findings: Vec<JsonFinding<'a>>,
    /// Results suppressed in the source, each with its `suppression`.
    pub suppressed: Vec<JsonFinding<'a>>,
    /// With `--baseline`: the baselined findings this scan no longer has.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub absent: Option<&'a [super::baseline::BaselineEntry]>,
    /// Every data store scanned and its region (`null`: not known from the
    /// code), with `allowed` telling whether that region is allowed.
    pub data_stores: &'a [crate::residency::DataStore],
    pub diagnostics: &'a [Diagnostic],
}

#[derive(Serialize)]
pub struct JsonTool {
    pub name: &'static str,
    pub version: &'static str,
}

#[derive(Serialize)]
pub struct JsonSummary {
    pub files: usize,
    pub resources: usize,
    pub policies: usize,
    pub passed: usize,
    pub failed: usize,
    pub unknown: usize,
    pub suppressed: usize,
    pub by_severity: BTreeMap<&'static str, usize>,
    pub input_errors: usize,
    /// Files not scanned because they are templates or kustomize patches.
    pub skipped: usize,
    /// With `--baseline`: failures the baseline already holds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baselined: Option<usize>,
    pub duration_ms: u128,
}

#[derive(Serialize)]
pub struct JsonFinding<'a> {
    pub rule_id: &'a str,
    pub rule_name: &'a str,
    pub title: &'a str,
    pub severity: Severity,
    pub status: Status,
    pub resource: JsonResource<'a>,
    pub attribute_path: Option<&'a str>,
    pub location: &'a Location,
    pub message: &'a str,
    pub measures: &'a [MeasureRef],
    pub topics: &'a [Topic],
    pub fingerprint: &'a str,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub unknown_paths: &'a [String],
    #[serde(skip_serializing_if = "<[ValueOrigin]>::is_empty")]
    pub value_origins: &'a [ValueOrigin],
    /// The document of a multi-document YAML stream (1-based).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suppression: Option<&'a Suppression>,
    /// With `--baseline`: `new` or `unchanged`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline_state: Option<super::baseline::BaselineState>,
}

#[derive(Serialize)]
pub struct JsonResource<'a> {
    pub address: &'a str,
    #[serde(rename = "type")]
    pub resource_type: &'a str,
    pub provider: &'a str,
    /// Account, region and ARN, for a resource from a live snapshot.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub live: Option<&'a crate::model::LiveOrigin>,
    /// The root module (directory) that called the resource's module, for
    /// a module file shared by several roots.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub root_module: Option<&'a str>,
    /// The folded child resource that wrote what failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub via: Option<&'a str>,
}

pub fn to_json(report: &Report) -> JsonReport<'_> {
    let s = &report.summary;
    JsonReport {
        schema_version: SCHEMA_VERSION,
        tool: JsonTool {
            name: TOOL_NAME,
            version: TOOL_VERSION,
        },
        summary: JsonSummary {
            files: s.files,
            resources: s.resources,
            policies: s.policies,
            passed: s.passed,
            failed: s.failed,
            unknown: s.unknown,
            suppressed: s.suppressed,
            by_severity: Severity::ALL
                .iter()
                .map(|sev| (sev.as_str(), s.by_severity.get(sev).copied().unwrap_or(0)))
                .collect(),
            input_errors: s.parse_errors,
            skipped: s.skipped,
            baselined: report.compared.then_some(s.baselined),
            duration_ms: s.elapsed.as_millis(),
        },
        findings: report.shown().map(|f| finding(report, f)).collect(),
        suppressed: report
            .suppressed
            .iter()
            .map(|f| finding(report, f))
            .collect(),
        absent: report.compared.then_some(report.absent.as_slice()),
        data_stores: &report.data_stores,
        diagnostics: &report.diagnostics,
    }
}

fn finding<'a>(report: &'a Report, f: &'a Finding) -> JsonFinding<'a> {
    let rule = &report.rules[f.rule_index];
    JsonFinding {
        rule_id: &rule.id,
        rule_name: &rule.name,
        title: &rule.title,
        severity: f.severity,
        status: f.status,
        resource: JsonResource {
            address: &f.address,
            resource_type: &f.resource_type,
            provider: &f.provider,
            live: f.live.as_ref(),
            root_module: f.root_module.as_deref(),
            via: f.via.as_deref(),
        },
        attribute_path: f.path.as_deref(),
        location: &f.location,
        message: &f.message,
        measures: &rule.measures,
        topics: &rule.topics,
        fingerprint: &f.fingerprint,
        unknown_paths: &f.unknown_paths,
        value_origins: &f.value_origins,
        document: f.document,
        suppression: f.suppression.as_ref(),
        baseline_state: f.baseline,
    }
}

pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &to_json(report))?;
    writeln!(out)
}
