//! SARIF 2.1.0 (through serde-sarif's model), shaped for GitHub code
//! scanning: one rule per policy that ran with help and
//! `security-severity`, results with `%SRCROOT%`-relative URIs, exact
//! regions, a logical location naming the resource, and fingerprints that do
//! not move with line numbers; input problems as tool notifications.

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

pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let log = Log {
        schema: sarif::SCHEMA_URL,
        version: "2.1.0",
        runs: [RunWithResults {
            run: run_without_results(report),
            results: Results(report),
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

/// The log's top level. Results are serialised as they are built, one at a
/// time: serde-sarif's `Result` is large, and a scan of a big estate can have
/// a hundred thousand of them.
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

struct Results<'a>(&'a Report);

impl Serialize for Results<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(None)?;
        for finding in self.0.shown().chain(&self.0.suppressed) {
            seq.serialize_element(&result(finding))?;
        }
        seq.end()
    }
}

/// The run: tool, rules and invocation; its results are added by `render`.
fn run_without_results(report: &Report) -> sarif::Run {
    let rules: Vec<sarif::ReportingDescriptor> = report.rules.iter().map(rule).collect();
    let driver = sarif::ToolComponent::builder()
        .name(TOOL_NAME)
        .version(TOOL_VERSION)
        .semantic_version(TOOL_VERSION)
        .information_uri(INFORMATION_URI)
        .rules(rules)
        .build();
    let notifications: Vec<sarif::Notification> =
        report.diagnostics.iter().map(notification).collect();
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

fn rule(rule: &PolicyInfo) -> sarif::ReportingDescriptor {
    let measures: Vec<String> = rule.measures.iter().map(|m| m.to_string()).collect();
    let help_text = format!(
        "{}\n\nRemediation: {}\n\nExample:\n{}\nSupports: {}.",
        rule.description,
        rule.remediation.text,
        rule.remediation.example.trim_end(),
        measures.join(", ")
    );
    let help_markdown = help_markdown(rule);
    let mut tags = vec!["security".to_string()];
    tags.extend(rule.topics.iter().map(|t| t.as_str().to_string()));
    tags.extend(
        rule.measures
            .iter()
            .map(|m| format!("{}-{}-{}", m.code, m.version, m.id)),
    );
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
    sarif::ReportingDescriptor::builder()
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
        .build()
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

fn result(finding: &Finding) -> sarif::Result {
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
