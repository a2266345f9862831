//! SARIF 2.1.0 (through serde-sarif's model), shaped for GitHub code
//! scanning: one rule per policy that ran with help and
//! `security-severity`, results with `%SRCROOT%`-relative URIs, exact
//! regions, a logical location naming the resource, and fingerprints that do
//! not move with line numbers; input problems as tool notifications.
//!
//! A log is kept within the limits GitHub puts on an upload ([`SarifLimits`]):
//! what does not fit is left out, the least severe first, and a warning in
//! the run's `invocations[0].toolExecutionNotifications` says what and why.

use super::{Finding, Report, INFORMATION_URI, TOOL_NAME, TOOL_VERSION};
use crate::model::{Diagnostic, DiagnosticLevel, Location, Severity};
use crate::policy::eval::Status;
use crate::policy::PolicyInfo;
use serde::ser::SerializeSeq;
use serde::Serialize;
use serde_json::json;
use serde_sarif::sarif;
use std::collections::BTreeMap;
use std::io::{self, Write};

/// Key of copguard's entry in `partialFingerprints`.
/// v2: the file is part of a source finding's fingerprint.
pub const FINGERPRINT_KEY: &str = "copguard/v2";

/// What GitHub code scanning accepts in one uploaded SARIF file. A file over
/// any of these is rejected whole, so the log is cut to fit instead.
///
/// From GitHub's "SARIF support for code scanning" (section "Uploading
/// limits") and "SARIF results exceed one or more limits":
/// <https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning>,
/// <https://docs.github.com/en/code-security/code-scanning/troubleshooting-sarif-uploads/results-exceed-limit>,
/// and "SARIF results file is too large" (10 MB, gzip-compressed):
/// <https://docs.github.com/en/code-security/code-scanning/troubleshooting-sarif-uploads/file-too-large>.
///
/// | SARIF data                       | maximum | what GitHub keeps below it |
/// |----------------------------------|---------|----------------------------|
/// | runs per file                    | 20      |                            |
/// | results per run                  | 25,000  | the top 5,000 by severity  |
/// | rules per run                    | 25,000  |                            |
/// | tool extensions per run          | 100     |                            |
/// | thread flow locations per result | 10,000  | the top 1,000              |
/// | locations per result             | 1,000   | 100                        |
/// | tags per rule                    | 20      | 10                         |
/// | gzip-compressed file             | 10 MB   |                            |
///
/// copguard writes one run, no extensions and no thread flows. Rules are not
/// cut: there is one per policy that ran, and 25,000 policies is no real
/// configuration. Results, locations (`locations` and `relatedLocations`
/// together), tags and the size are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SarifLimits {
    pub max_results: usize,
    pub max_locations_per_result: usize,
    pub max_tags_per_rule: usize,
    /// Of the gzip-compressed log. Uploaders compress at zlib's default
    /// level (`gzip`, Node's `zlib.gzipSync` in `upload-sarif`); copguard
    /// measures at the same level with another deflate (miniz_oxide), which
    /// may come out a little smaller, so it keeps 5% below this. And
    /// 10,000,000 rather than 10 MiB, to err on the same side.
    pub max_gzip_bytes: usize,
}

impl SarifLimits {
    pub const GITHUB: SarifLimits = SarifLimits {
        max_results: 25_000,
        max_locations_per_result: 1_000,
        max_tags_per_rule: 20,
        max_gzip_bytes: 10_000_000,
    };
}

impl Default for SarifLimits {
    fn default() -> Self {
        SarifLimits::GITHUB
    }
}

/// The log within GitHub's limits.
pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    render_within(report, &SarifLimits::GITHUB, out).map(drop)
}

/// The log within `limits`. Returns what was left out to fit, as the
/// warnings the log itself carries (the CLI repeats them on stderr).
pub fn render_within(
    report: &Report,
    limits: &SarifLimits,
    out: &mut dyn Write,
) -> io::Result<Vec<String>> {
    let all: Vec<&Finding> = report.shown().chain(&report.suppressed).collect();
    // Which results to keep when not all fit: the most important first,
    // ties in the order the log lists them. The log keeps that order (by
    // file and position), whatever is left out.
    let mut by_priority: Vec<usize> = (0..all.len()).collect();
    by_priority.sort_by_key(|&i| (priority(all[i]), i));
    let within_count = all.len().min(limits.max_results);
    let mut keep = within_count;
    loop {
        let mut kept = vec![false; all.len()];
        for &i in &by_priority[..keep] {
            kept[i] = true;
        }
        let results: Vec<&Finding> = all
            .iter()
            .zip(&kept)
            .filter(|(_, &k)| k)
            .map(|(f, _)| *f)
            .collect();
        let warnings = limit_warnings(report, limits, &results, all.len(), within_count);
        let text = serialise(report, limits, &results, &warnings)?;
        let budget = gzip_budget(limits);
        match compressed_size(&text, budget)? {
            Some(size) if keep > 0 => {
                // Too large: keep about as many as the ratio allows (with a
                // margin for what does not shrink with them), then measure again.
                let ratio = budget as f64 / size as f64;
                let estimate = (keep as f64 * ratio * 0.95) as usize;
                keep = estimate.min(keep - 1);
            }
            // Fits, or nothing is left to leave out.
            _ => {
                out.write_all(&text)?;
                return Ok(warnings);
            }
        }
    }
}

/// Failures, then unknowns, then suppressed results; each by severity.
fn priority(finding: &Finding) -> (u8, Severity) {
    let class = if finding.suppression.is_some() {
        2
    } else if finding.status == Status::Unknown {
        1
    } else {
        0
    };
    (class, finding.severity)
}

/// What the limits left out of a log holding `results` of `total`, of which
/// `within_count` fit the results limit (the rest did not fit the size).
fn limit_warnings(
    report: &Report,
    limits: &SarifLimits,
    results: &[&Finding],
    total: usize,
    within_count: usize,
) -> Vec<String> {
    let mut warnings = Vec::new();
    let full = "every result is in the JSON report (`copguard scan --format json`)";
    let over_count = total - within_count;
    if over_count > 0 {
        warnings.push(format!(
            "{over_count} of {total} results were left out of this SARIF log: GitHub code scanning accepts at most {} results per run. The least severe were left out (suppressed and unknown results before failures); {full}",
            limits.max_results
        ));
    }
    let over_size = within_count - results.len();
    if over_size > 0 {
        warnings.push(format!(
            "{over_size} of {total} results were left out of this SARIF log to keep it within GitHub code scanning's upload limit of {} bytes gzip-compressed. The least severe were left out (suppressed and unknown results before failures); {full}",
            limits.max_gzip_bytes
        ));
    }
    let (cut_results, cut_locations) = results
        .iter()
        .map(|f| related_locations(f).saturating_sub(max_related(limits)))
        .filter(|&over| over > 0)
        .fold((0, 0), |(n, sum), over| (n + 1, sum + over));
    if cut_results > 0 {
        warnings.push(format!(
            "{cut_locations} related locations of {cut_results} results were left out of this SARIF log: GitHub code scanning accepts at most {} locations per result; {full}",
            limits.max_locations_per_result
        ));
    }
    let cut_rules: Vec<&str> = report
        .rules
        .iter()
        .filter(|rule| tags(rule).len() > limits.max_tags_per_rule)
        .map(|rule| rule.id.as_str())
        .collect();
    if !cut_rules.is_empty() {
        warnings.push(format!(
            "rules {} have more tags than the {} GitHub code scanning accepts per rule: only their first {} are in this SARIF log (`copguard explain <id>` lists every measure a rule supports)",
            cut_rules.join(", "),
            limits.max_tags_per_rule,
            limits.max_tags_per_rule
        ));
    }
    warnings
}

/// Related locations a result may have beside its one location.
fn max_related(limits: &SarifLimits) -> usize {
    limits.max_locations_per_result.saturating_sub(1)
}

/// The related locations of a finding: where the variables that set its
/// value are set.
fn related_locations(finding: &Finding) -> usize {
    finding
        .value_origins
        .iter()
        .filter(|origin| origin.location.is_some())
        .count()
}

/// The whole log as pretty JSON.
fn serialise(
    report: &Report,
    limits: &SarifLimits,
    results: &[&Finding],
    warnings: &[String],
) -> io::Result<Vec<u8>> {
    let log = Log {
        schema: sarif::SCHEMA_URL,
        version: "2.1.0",
        runs: [RunWithResults {
            run: run_without_results(report, limits, warnings),
            results: Results { results, limits },
        }],
    };
    let mut text = Vec::new();
    serde_json::to_writer_pretty(&mut text, &log)?;
    writeln!(text)?;
    Ok(text)
}

/// The most gzip-compressed bytes copguard writes: 5% below the limit (see
/// [`SarifLimits::max_gzip_bytes`]).
fn gzip_budget(limits: &SarifLimits) -> usize {
    limits.max_gzip_bytes - limits.max_gzip_bytes / 20
}

/// The gzip-compressed size of `text` when it is over `max`, or None when it
/// is not. Deflate adds at most 5 bytes per 64 KiB block to data it cannot
/// shrink, and gzip 18 bytes of header and trailer, so a text well under
/// `max` needs no compressing to know.
fn compressed_size(text: &[u8], max: usize) -> io::Result<Option<usize>> {
    if text.len() + text.len() / 1000 + 64 <= max {
        return Ok(None);
    }
    // The fastest level first, a quarter of the default level's time: its
    // output is larger, so when it fits the default level's does too.
    if gzipped_len(text, flate2::Compression::fast())? <= max {
        return Ok(None);
    }
    let size = gzipped_len(text, flate2::Compression::default())?;
    Ok((size > max).then_some(size))
}

fn gzipped_len(text: &[u8], level: flate2::Compression) -> io::Result<usize> {
    let mut encoder = flate2::write::GzEncoder::new(ByteCount(0), level);
    encoder.write_all(text)?;
    Ok(encoder.finish()?.0)
}

/// A writer that only counts.
struct ByteCount(usize);

impl Write for ByteCount {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The log's top level. Results are serialised as they are built, one at a
/// time: serde-sarif's `Result` is large, and a scan of a big estate can have
/// a hundred thousand of them. (The text is buffered, to be measured, but
/// holds at most `max_results` of them.)
#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [RunWithResults<'a>; 1],
}

#[derive(Serialize)]
struct RunWithResults<'a> {
    #[serde(flatten)]
    run: sarif::Run,
    results: Results<'a>,
}

struct Results<'a> {
    results: &'a [&'a Finding],
    limits: &'a SarifLimits,
}

impl Serialize for Results<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.results.len()))?;
        for finding in self.results {
            seq.serialize_element(&result(finding, self.limits))?;
        }
        seq.end()
    }
}

/// The run: tool, rules and invocation; its results are added by `render`.
fn run_without_results(report: &Report, limits: &SarifLimits, warnings: &[String]) -> sarif::Run {
    let rules: Vec<sarif::ReportingDescriptor> = report
        .rules
        .iter()
        .map(|r| rule(r, limits.max_tags_per_rule))
        .collect();
    let driver = sarif::ToolComponent::builder()
        .name(TOOL_NAME)
        .version(TOOL_VERSION)
        .semantic_version(TOOL_VERSION)
        .information_uri(INFORMATION_URI)
        .rules(rules)
        .build();
    let mut notifications: Vec<sarif::Notification> =
        report.diagnostics.iter().map(notification).collect();
    notifications.extend(
        warnings
            .iter()
            .map(|message| notification(&Diagnostic::warning(message.clone(), None))),
    );
    let invocation = if notifications.is_empty() {
        sarif::Invocation::builder()
            .execution_successful(true)
            .build()
    } else {
        sarif::Invocation::builder()
            .execution_successful(true)
            .tool_execution_notifications(notifications)
            .build()
    };
    let mut run = sarif::Run::builder()
        .tool(sarif::Tool::builder().driver(driver).build())
        .invocations(vec![invocation])
        .column_kind(json!("unicodeCodePoints"))
        .build();
    if let Some(category) = &report.sarif_category {
        run.automation_details = Some(
            sarif::RunAutomationDetails::builder()
                .id(category.clone())
                .build(),
        );
    }
    run
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low => "note",
    }
}

fn text(s: impl Into<String>) -> sarif::MultiformatMessageString {
    sarif::MultiformatMessageString::builder()
        .text(s.into())
        .build()
}

/// A rule's tags: `security`, its topics, then the measures it supports.
fn tags(rule: &PolicyInfo) -> Vec<String> {
    let mut tags = vec!["security".to_string()];
    tags.extend(rule.topics.iter().map(|t| t.as_str().to_string()));
    tags.extend(
        rule.measures
            .iter()
            .map(|m| format!("{}-{}-{}", m.code, m.version, m.id)),
    );
    tags
}

fn rule(rule: &PolicyInfo, max_tags: usize) -> sarif::ReportingDescriptor {
    let measures: Vec<String> = rule.measures.iter().map(|m| m.to_string()).collect();
    let help_text = format!(
        "{}\n\nRemediation: {}\n\nExample:\n{}\nSupports: {}.",
        rule.description,
        rule.remediation.text,
        rule.remediation.example.trim_end(),
        measures.join(", ")
    );
    let help_markdown = help_markdown(rule);
    let mut tags = tags(rule);
    tags.truncate(max_tags);
    let mut properties = BTreeMap::new();
    properties.insert(
        "security-severity".to_string(),
        json!(rule.severity.security_severity()),
    );
    properties.insert("precision".to_string(), json!("high"));
    properties.insert(
        "problem.severity".to_string(),
        json!(problem_severity(rule.severity)),
    );
    let mut descriptor = sarif::ReportingDescriptor::builder()
        .id(rule.id.clone())
        .name(rule.name.clone())
        .short_description(text(rule.title.clone()))
        .full_description(text(rule.description.clone()))
        .help(
            sarif::MultiformatMessageString::builder()
                .text(help_text)
                .markdown(help_markdown)
                .build(),
        )
        .help_uri(format!(
            "{INFORMATION_URI}/blob/main/docs/policies.md#{}",
            rule.id.to_lowercase()
        ))
        .default_configuration(
            sarif::ReportingConfiguration::builder()
                .level(json!(level(rule.severity)))
                .build(),
        )
        .properties(
            sarif::PropertyBag::builder()
                .tags(tags)
                .additional_properties(properties)
                .build(),
        )
        .build();
    // The retired id of a split rule: SARIF's place for earlier ids, which
    // lets a viewer match results across the split.
    if !rule.aliases.is_empty() {
        descriptor.deprecated_ids = Some(rule.aliases.clone());
    }
    descriptor
}

fn problem_severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low => "recommendation",
    }
}

fn help_markdown(rule: &PolicyInfo) -> String {
    let mut md = format!(
        "**{}** ({} severity)\n\n{}\n\n### Remediation\n\n{}\n\n```{}\n{}\n```\n\n### Telecommunications Security Code of Practice\n\nGives evidence in support of (not by itself compliance with):\n\n",
        rule.title,
        rule.severity,
        rule.description,
        rule.remediation.text,
        rule.remediation.example_language(),
        rule.remediation.example.trim_end()
    );
    for measure in &rule.measures {
        let regulations = crate::policy::measure_regulations(measure)
            .map(|r| format!(" (Regulations {r})"))
            .unwrap_or_default();
        md.push_str(&format!("- {measure}{regulations}\n"));
    }
    md
}

/// A `%SRCROOT%`-relative URI, or a `file://` URI for a path outside it.
fn artifact_location(path: &str) -> sarif::ArtifactLocation {
    let encoded = encode_uri_path(path);
    if path.starts_with('/') {
        sarif::ArtifactLocation::builder()
            .uri(format!("file://{encoded}"))
            .build()
    } else {
        sarif::ArtifactLocation::builder()
            .uri(encoded)
            .uri_base_id("%SRCROOT%")
            .build()
    }
}

fn encode_uri_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

fn region(location: &Location) -> sarif::Region {
    sarif::Region::builder()
        .start_line(location.start_line as i64)
        .start_column(location.start_column as i64)
        .end_line(location.end_line as i64)
        .end_column(location.end_column as i64)
        .build()
}

fn physical(location: &Location) -> sarif::PhysicalLocation {
    sarif::PhysicalLocation::builder()
        .artifact_location(artifact_location(&location.path))
        .region(region(location))
        .build()
}

/// The short name of a resource: the last part of an ARN or URI for a live
/// resource (`my-bucket`, `sg-0abc`), the resource name of a Terraform
/// address.
fn logical_name(finding: &Finding) -> String {
    let address = &finding.address;
    let separators: &[char] = if finding.live.is_some() {
        &[':', '/']
    } else {
        &['.']
    };
    address
        .rsplit(separators)
        .find(|part| !part.is_empty())
        .unwrap_or(address)
        .to_string()
}

fn result(finding: &Finding, limits: &SarifLimits) -> sarif::Result {
    let logical = sarif::LogicalLocation::builder()
        .fully_qualified_name(finding.address.clone())
        .name(logical_name(finding))
        .kind("resource")
        .build();
    let location = sarif::Location::builder()
        .physical_location(physical(&finding.location))
        .logical_locations(vec![logical])
        .build();
    let mut fingerprints = BTreeMap::new();
    fingerprints.insert(FINGERPRINT_KEY.to_string(), finding.fingerprint.clone());
    let mut properties = BTreeMap::new();
    properties.insert("resourceType".to_string(), json!(finding.resource_type));
    if let Some(path) = &finding.path {
        properties.insert("attributePath".to_string(), json!(path));
    }
    if let Some(document) = finding.document {
        properties.insert("document".to_string(), json!(document));
    }
    if let Some(live) = &finding.live {
        properties.insert("account".to_string(), json!(live.account));
        properties.insert("region".to_string(), json!(live.region));
        if let Some(arn) = &live.arn {
            properties.insert("arn".to_string(), json!(arn));
        }
    }
    let related: Vec<sarif::Location> = finding
        .value_origins
        .iter()
        .filter_map(|origin| {
            let location = origin.location.as_ref()?;
            Some(
                sarif::Location::builder()
                    .physical_location(physical(location))
                    .message(
                        sarif::Message::builder()
                            .text(format!("var.{} is set here", origin.variable))
                            .build(),
                    )
                    .build(),
            )
        })
        .take(max_related(limits))
        .collect();
    let builder = sarif::Result::builder()
        .rule_id(finding.rule_id.clone())
        .rule_index(finding.rule_index as i64)
        .message(
            sarif::Message::builder()
                .text(finding.message.clone())
                .build(),
        )
        .locations(vec![location])
        .partial_fingerprints(fingerprints);
    let mut result = match finding.status {
        Status::Unknown => {
            properties.insert("unknownPaths".to_string(), json!(finding.unknown_paths));
            builder
                .kind(sarif::ResultKind::Review)
                .level(sarif::ResultLevel::None)
                .properties(
                    sarif::PropertyBag::builder()
                        .additional_properties(properties)
                        .build(),
                )
                .build()
        }
        _ => builder
            .kind(sarif::ResultKind::Fail)
            .level(match finding.severity {
                Severity::Critical | Severity::High => sarif::ResultLevel::Error,
                Severity::Medium => sarif::ResultLevel::Warning,
                Severity::Low => sarif::ResultLevel::Note,
            })
            .properties(
                sarif::PropertyBag::builder()
                    .additional_properties(properties)
                    .build(),
            )
            .build(),
    };
    if !related.is_empty() {
        result.related_locations = Some(related);
    }
    if let Some(state) = finding.baseline {
        result.baseline_state = Some(json!(state.as_str()));
    }
    if let Some(suppression) = &finding.suppression {
        let mut entry = sarif::Suppression::builder()
            .kind(json!("inSource"))
            .location(
                sarif::Location::builder()
                    .physical_location(physical(&suppression.location))
                    .build(),
            )
            .build();
        if !suppression.justification.is_empty() {
            entry.justification = Some(suppression.justification.clone());
        }
        result.suppressions = Some(vec![entry]);
    }
    result
}

fn notification(diagnostic: &Diagnostic) -> sarif::Notification {
    let level = match diagnostic.level {
        DiagnosticLevel::Error => "error",
        DiagnosticLevel::Warning => "warning",
        DiagnosticLevel::Note => "note",
    };
    let message = sarif::Message::builder()
        .text(diagnostic.message.clone())
        .build();
    match &diagnostic.location {
        Some(location) => sarif::Notification::builder()
            .level(json!(level))
            .message(message)
            .locations(vec![sarif::Location::builder()
                .physical_location(physical(location))
                .build()])
            .build(),
        None => sarif::Notification::builder()
            .level(json!(level))
            .message(message)
            .build(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Suppression, ValueOrigin};
    use serde_json::Value;
    use std::sync::Arc;

    fn rules() -> Vec<PolicyInfo> {
        let registry = crate::policy::Registry::builtin().expect("built-in policies load");
        registry.policies().iter().map(|p| p.info.clone()).collect()
    }

    fn at(file: &str, line: u32) -> Location {
        Location {
            path: Arc::from(file),
            start_line: line,
            start_column: 1,
            end_line: line,
            end_column: 10,
        }
    }

    /// A failure of the first rule of `severity`, at `main.tf:line`.
    fn finding(rules: &[PolicyInfo], severity: Severity, line: u32) -> Finding {
        let rule_index = rules
            .iter()
            .position(|r| r.severity == severity)
            .expect("a rule of each severity");
        let address = format!("aws_s3_bucket.b{line}");
        Finding {
            rule_index,
            rule_id: rules[rule_index].id.clone(),
            severity,
            status: Status::Fail,
            fingerprint: super::super::fingerprint(
                &rules[rule_index].id,
                &address,
                None,
                Some("main.tf"),
            ),
            message: format!("{}: {address}.", rules[rule_index].title),
            address,
            resource_type: "aws_s3_bucket".to_string(),
            provider: "aws".to_string(),
            path: None,
            location: at("main.tf", line),
            unknown_paths: Vec::new(),
            value_origins: Vec::new(),
            document: None,
            suppression: None,
            live: None,
            baseline: None,
            root_module: None,
            reasons: Vec::new(),
            via: None,
        }
    }

    fn report(
        rules: Vec<PolicyInfo>,
        findings: Vec<Finding>,
        unknowns: Vec<Finding>,
        suppressed: Vec<Finding>,
    ) -> Report {
        Report {
            rules,
            findings,
            unknowns,
            suppressed,
            diagnostics: Vec::new(),
            summary: super::super::Summary::default(),
            show_unknown: true,
            show_suppressed: false,
            passed_by_rule: Vec::new(),
            absent: Vec::new(),
            compared: false,
            sarif_category: None,
            data_stores: Vec::new(),
        }
    }

    fn rendered(report: &Report, limits: &SarifLimits) -> (Value, Vec<String>) {
        let mut out = Vec::new();
        let warnings = render_within(report, limits, &mut out).expect("renders");
        let log = serde_json::from_slice(&out).expect("SARIF is JSON");
        (log, warnings)
    }

    /// (start line, level, kind) of each result, in log order.
    fn results(log: &Value) -> Vec<(u64, String, String)> {
        log["runs"][0]["results"]
            .as_array()
            .expect("results")
            .iter()
            .map(|r| {
                (
                    r["locations"][0]["physicalLocation"]["region"]["startLine"]
                        .as_u64()
                        .expect("a start line"),
                    r["level"].as_str().unwrap_or("-").to_string(),
                    r["kind"].as_str().unwrap_or("-").to_string(),
                )
            })
            .collect()
    }

    fn notifications(log: &Value) -> Vec<(String, String)> {
        log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
            .as_array()
            .map(|n| {
                n.iter()
                    .map(|n| {
                        (
                            n["level"].as_str().unwrap_or("-").to_string(),
                            n["message"]["text"].as_str().unwrap_or("-").to_string(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    #[test]
    fn over_the_results_limit_the_most_severe_failures_stay_in_log_order() {
        let rules = rules();
        let mut unknown = finding(&rules, Severity::Critical, 1);
        unknown.status = Status::Unknown;
        unknown.unknown_paths = vec!["bucket".to_string()];
        let mut suppressed = finding(&rules, Severity::Critical, 2);
        suppressed.suppression = Some(Suppression {
            rules: vec![suppressed.rule_id.clone()],
            justification: "accepted".to_string(),
            location: at("main.tf", 2),
        });
        let findings = vec![
            finding(&rules, Severity::Low, 3),
            finding(&rules, Severity::High, 4),
            finding(&rules, Severity::Medium, 5),
            finding(&rules, Severity::Critical, 6),
            finding(&rules, Severity::High, 7),
        ];
        let report = report(rules, findings, vec![unknown], vec![suppressed]);
        let limits = SarifLimits {
            max_results: 3,
            ..SarifLimits::GITHUB
        };
        let (log, warnings) = rendered(&report, &limits);
        // Critical 6, then the two highs 4 and 7 (listed in log order); the
        // unknown and the suppressed result are left out before any failure,
        // though critical.
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(
            warnings[0].starts_with("4 of 7 results were left out")
                && warnings[0].contains("at most 3 results per run")
                && warnings[0].contains("--format json"),
            "{warnings:?}"
        );
        assert_eq!(
            notifications(&log),
            vec![("warning".into(), warnings[0].clone())]
        );

        // With room for six: every failure, then the unknown result before
        // the suppressed one.
        let (log, _) = rendered(
            &report,
            &SarifLimits {
                max_results: 6,
                ..SarifLimits::GITHUB
            },
        );
        let lines: Vec<u64> = results(&log).into_iter().map(|r| r.0).collect();
        assert_eq!(lines, vec![3, 4, 5, 6, 7, 1]);
    }

    #[test]
    fn within_the_limits_nothing_is_left_out_and_nothing_is_said() {
        let rules = rules();
        let findings = (1..=3)
            .map(|l| finding(&rules, Severity::High, l))
            .collect();
        let report = report(rules, findings, Vec::new(), Vec::new());
        let limits = SarifLimits {
            max_results: 3,
            ..SarifLimits::GITHUB
        };
        let (log, warnings) = rendered(&report, &limits);
        assert_eq!(results(&log).len(), 3);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert!(notifications(&log).is_empty());
    }

    #[test]
    fn related_locations_are_cut_to_the_locations_limit() {
        let rules = rules();
        let mut many = finding(&rules, Severity::High, 1);
        many.value_origins = (1..=5)
            .map(|line| ValueOrigin {
                variable: format!("v{line}"),
                origin: format!("terraform.tfvars:{line}:1"),
                location: Some(at("terraform.tfvars", line)),
                unset_input: false,
            })
            .collect();
        let mut few = finding(&rules, Severity::High, 2);
        few.value_origins = many.value_origins[..2].to_vec();
        let report = report(rules, vec![many, few], Vec::new(), Vec::new());
        let limits = SarifLimits {
            max_locations_per_result: 3,
            ..SarifLimits::GITHUB
        };
        let (log, warnings) = rendered(&report, &limits);
        let related: Vec<usize> = log["runs"][0]["results"]
            .as_array()
            .expect("results")
            .iter()
            .map(|r| r["relatedLocations"].as_array().map_or(0, Vec::len))
            .collect();
        // One location and two related ones make three; the first two
        // variables are kept.
        assert_eq!(related, vec![2, 2]);
        assert_eq!(
            log["runs"][0]["results"][0]["relatedLocations"][1]["message"]["text"],
            "var.v2 is set here"
        );
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(
            warnings[0].starts_with("3 related locations of 1 results were left out")
                && warnings[0].contains("at most 3 locations per result"),
            "{warnings:?}"
        );
    }

    #[test]
    fn tags_are_cut_to_the_tags_limit() {
        let rules = rules();
        let most = rules.iter().map(|r| tags(r).len()).max().expect("rules");
        let report = report(rules, Vec::new(), Vec::new(), Vec::new());
        let limits = SarifLimits {
            max_tags_per_rule: most - 1,
            ..SarifLimits::GITHUB
        };
        let (log, warnings) = rendered(&report, &limits);
        let longest = log["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .expect("rules")
            .iter()
            .map(|r| r["properties"]["tags"].as_array().map_or(0, Vec::len))
            .max();
        assert_eq!(longest, Some(most - 1));
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].starts_with("rules CG-"), "{warnings:?}");
        // Built-in policies are within GitHub's own limit.
        assert!(most <= SarifLimits::GITHUB.max_tags_per_rule);
    }

    fn gzip_len(bytes: &[u8]) -> usize {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(bytes).expect("gzip");
        encoder.finish().expect("gzip").len()
    }

    #[test]
    fn a_log_over_the_size_limit_loses_its_least_severe_results_until_it_fits() {
        let rules = rules();
        let findings: Vec<Finding> = (1..=2000)
            .map(|line| {
                let severity = if line % 4 == 0 {
                    Severity::Critical
                } else {
                    Severity::Low
                };
                finding(&rules, severity, line)
            })
            .collect();
        let report = report(rules, findings, Vec::new(), Vec::new());
        let mut whole = Vec::new();
        render(&report, &mut whole).expect("renders");
        let limit = gzip_len(&whole) * 2 / 3;
        let limits = SarifLimits {
            max_gzip_bytes: limit,
            ..SarifLimits::GITHUB
        };
        let mut out = Vec::new();
        let warnings = render_within(&report, &limits, &mut out).expect("renders");
        assert!(gzip_len(&out) <= limit, "{} > {limit}", gzip_len(&out));
        let log: Value = serde_json::from_slice(&out).expect("JSON");
        let kept = results(&log);
        assert!(kept.len() < 2000 && kept.len() > 500, "{}", kept.len());
        // Every critical result (a quarter) is still there, in log order:
        // low ones were left out first.
        let critical: Vec<u64> = kept
            .iter()
            .filter(|r| r.1 == "error")
            .map(|r| r.0)
            .collect();
        assert_eq!(critical, (1..=500).map(|i| i * 4).collect::<Vec<u64>>());
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(
            warnings[0].starts_with(&format!(
                "{} of 2000 results were left out",
                2000 - kept.len()
            )) && warnings[0].contains(&format!("{limit} bytes gzip-compressed")),
            "{warnings:?}"
        );
    }

    #[test]
    fn at_githubs_own_results_limit_one_result_too_many_is_left_out() {
        let rules = rules();
        let mut findings: Vec<Finding> = (1..=SarifLimits::GITHUB.max_results)
            .map(|line| finding(&rules, Severity::Medium, line as u32))
            .collect();
        // The one left out is the only low one, though it comes first.
        findings.insert(0, finding(&rules, Severity::Low, 0));
        let report = report(rules, findings, Vec::new(), Vec::new());
        let (log, warnings) = rendered(&report, &SarifLimits::GITHUB);
        let kept = results(&log);
        assert_eq!(kept.len(), 25_000);
        assert_eq!(kept[0].0, 1);
        assert!(kept.iter().all(|r| r.1 == "warning"));
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].starts_with("1 of 25001 results were left out"));
    }

    #[test]
    fn uris_are_percent_encoded_and_relative_to_srcroot() {
        let relative = artifact_location("infra/my stack/main.tf");
        assert_eq!(relative.uri.as_deref(), Some("infra/my%20stack/main.tf"));
        assert_eq!(relative.uri_base_id.as_deref(), Some("%SRCROOT%"));
        let absolute = artifact_location("/tmp/x.tf");
        assert_eq!(absolute.uri.as_deref(), Some("file:///tmp/x.tf"));
        assert!(absolute.uri_base_id.is_none());
    }
}
