//! Text for humans: findings grouped by file, then a summary line. Styles
//! are always written; the caller's stream (anstream) strips them when the
//! output is not a terminal or `NO_COLOR` is set.

use super::{Finding, Report};
use crate::model::{Diagnostic, DiagnosticLevel, Severity};
use crate::policy::eval::Status;
use anstyle::{AnsiColor, Style};
use std::io::{self, Write};

fn severity_style(severity: Severity) -> Style {
    match severity {
        Severity::Critical => AnsiColor::Magenta.on_default().bold(),
        Severity::High => AnsiColor::Red.on_default().bold(),
        Severity::Medium => AnsiColor::Yellow.on_default(),
        Severity::Low => AnsiColor::Blue.on_default(),
    }
}

const BOLD: Style = Style::new().bold();
const DIM: Style = Style::new().dimmed();

/// Findings grouped by file, then the summary line.
pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut current_file: Option<&str> = None;
    let suppressed: &[Finding] = if report.show_suppressed {
        &report.suppressed
    } else {
        &[]
    };
    for finding in report.shown().chain(suppressed) {
        if current_file != Some(&*finding.location.path) {
            if current_file.is_some() {
                writeln!(out)?;
            }
            writeln!(out, "{BOLD}{}{BOLD:#}", finding.location.path)?;
            current_file = Some(&finding.location.path);
        }
        render_finding(report, finding, out)?;
    }
    if current_file.is_some() {
        writeln!(out)?;
    }
    writeln!(out, "{}", summary_line(report))
}

fn render_finding(report: &Report, finding: &Finding, out: &mut dyn Write) -> io::Result<()> {
    let rule = &report.rules[finding.rule_index];
    let (label, style) = match finding.status {
        _ if finding.suppression.is_some() => ("suppressed".to_string(), DIM),
        Status::Unknown => ("unknown".to_string(), DIM),
        _ => (
            finding.severity.as_str().to_uppercase(),
            severity_style(finding.severity),
        ),
    };
    writeln!(
        out,
        "  {style}{label:<8}{style:#} {BOLD}{}{BOLD:#} {}",
        rule.id, rule.title
    )?;
    let item = finding
        .path
        .as_deref()
        .map(|p| format!(" ({p})"))
        .unwrap_or_default();
    // A stream's lines are not enough to find an object in it again.
    let document = match finding.document {
        Some(n) if &*finding.location.path == crate::sources::STDIN => format!(" (document {n})"),
        _ => String::new(),
    };
    let via = finding
        .via
        .as_ref()
        .map(|child| format!(" via {child}"))
        .unwrap_or_default();
    let root = finding
        .root_module
        .as_ref()
        .map(|r| format!(" (called from root module {r})"))
        .unwrap_or_default();
    writeln!(
        out,
        "           {}{via}{item}{root} at {}{document}",
        finding.address, finding.location
    )?;
    if !finding.reasons.is_empty() {
        writeln!(out, "           {}", finding.reasons.join("; "))?;
    }
    if let Some(suppression) = &finding.suppression {
        writeln!(
            out,
            "           {DIM}suppressed at {}: {}{DIM:#}",
            suppression.location,
            if suppression.justification.is_empty() {
                "(no reason given)"
            } else {
                &suppression.justification
            }
        )?;
    } else if finding.status == Status::Unknown {
        writeln!(
            out,
            "           {DIM}depends on: {}{DIM:#}",
            finding.unknown_paths.join(", ")
        )?;
    }
    let measures: Vec<String> = rule.measures.iter().map(|m| m.to_string()).collect();
    writeln!(
        out,
        "           {DIM}supports {}{DIM:#}",
        measures.join(", ")
    )
}

/// `3 files, 12 resources, 17 policies: 5 findings (...), 3 unknown, 40 passed, 1 error, in 0.02s`
pub fn summary_line(report: &Report) -> String {
    let s = &report.summary;
    let by_severity: Vec<String> = Severity::ALL
        .iter()
        .map(|sev| format!("{} {sev}", s.by_severity.get(sev).copied().unwrap_or(0)))
        .collect();
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut line = format!(
        "{}, {}, {}: {} ({}), {} unknown, {} passed",
        plural(s.files, "file", "files"),
        plural(s.resources, "resource", "resources"),
        plural(s.policies, "policy", "policies"),
        plural(s.failed, "finding", "findings"),
        by_severity.join(", "),
        s.unknown,
        s.passed,
    );
    if report.compared {
        line.push_str(&format!(", {} in the baseline", s.baselined));
    }
    if s.suppressed > 0 {
        line.push_str(&format!(", {} suppressed", s.suppressed));
    }
    if s.skipped > 0 {
        line.push_str(&format!(
            ", {} skipped (templates, patches, tool configuration)",
            plural(s.skipped, "file", "files")
        ));
    }
    if s.parse_errors > 0 {
        line.push_str(&format!(
            ", {}",
            plural(s.parse_errors, "input error", "input errors")
        ));
    }
    line.push_str(&format!(", in {:.2}s", s.elapsed.as_secs_f64()));
    if s.unknown > 0 && !report.show_unknown {
        line.push_str(" (--show-unknown lists unknowns)");
    }
    line
}

/// Diagnostics, one per line, for stderr.
pub fn render_diagnostics(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    for diagnostic in &report.diagnostics {
        render_diagnostic(diagnostic, out)?;
    }
    Ok(())
}

/// One diagnostic on a line, styled by its level.
pub fn render_diagnostic(diagnostic: &Diagnostic, out: &mut dyn Write) -> io::Result<()> {
    let style = match diagnostic.level {
        DiagnosticLevel::Error => AnsiColor::Red.on_default().bold(),
        DiagnosticLevel::Warning => AnsiColor::Yellow.on_default(),
        DiagnosticLevel::Note => DIM,
    };
    writeln!(out, "{style}{diagnostic}{style:#}")
}
