//! JUnit XML for CI systems that show test results (GitLab, Jenkins, Azure
//! Pipelines): one test suite per policy that ran, one test case per
//! resource it failed on (a `<failure>`), or whose failure was suppressed in
//! the source, or (with `--show-unknown`) whose result is unknown (both
//! `<skipped>`). Inputs that could not be read are `<error>`s in a suite of
//! their own. Passing checks are not named anywhere in a `Report`, so they
//! are not test cases; a suite's `passed` property counts them when known.
//!
//! Written by hand: the format is small, and every string goes through
//! [`escape`], which also keeps characters XML 1.0 forbids out.

use super::{Finding, Report, TOOL_NAME};
use crate::model::DiagnosticLevel;
use crate::policy::eval::Status;
use crate::policy::PolicyInfo;
use std::fmt::Write as _;
use std::io::{self, Write};

pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let unknowns: &[Finding] = if report.show_unknown {
        &report.unknowns
    } else {
        &[]
    };
    let errors: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.level == DiagnosticLevel::Error)
        .collect();

    let passed = super::markdown::passed_by_rule(report);
    let mut suites = String::new();
    let (mut tests, mut failures, mut skipped) = (0, 0, 0);
    for (index, rule) in report.rules.iter().enumerate() {
        let of_rule = |f: &&Finding| f.rule_index == index;
        let failed: Vec<&Finding> = report.findings.iter().filter(of_rule).collect();
        let not_judged: Vec<&Finding> = report
            .suppressed
            .iter()
            .chain(unknowns)
            .filter(of_rule)
            .collect();
        let suite_tests = failed.len() + not_judged.len();
        tests += suite_tests;
        failures += failed.len();
        skipped += not_judged.len();
        let _ = writeln!(
            suites,
            "  <testsuite name=\"{}\" tests=\"{suite_tests}\" failures=\"{}\" errors=\"0\" skipped=\"{}\" time=\"0\">",
            escape(&format!("{}: {}", rule.id, rule.title)),
            failed.len(),
            not_judged.len()
        );
        properties(&mut suites, rule, passed.as_ref().map(|p| p[index]));
        for finding in failed {
            test_case(&mut suites, rule, finding);
        }
        for finding in not_judged {
            test_case(&mut suites, rule, finding);
        }
        suites.push_str("  </testsuite>\n");
    }
    if !errors.is_empty() {
        tests += errors.len();
        let _ = writeln!(
            suites,
            "  <testsuite name=\"{TOOL_NAME}: inputs that could not be read\" tests=\"{0}\" failures=\"0\" errors=\"{0}\" skipped=\"0\" time=\"0\">",
            errors.len()
        );
        for diagnostic in &errors {
            let name = diagnostic
                .location
                .as_ref()
                .map_or_else(|| "input".to_string(), |l| l.to_string());
            let _ = writeln!(
                suites,
                "    <testcase name=\"{}\" classname=\"{TOOL_NAME}.input\"{}>\n      <error message=\"{}\"/>\n    </testcase>",
                escape(&name),
                file_and_line(diagnostic.location.as_ref()),
                escape(&diagnostic.message)
            );
        }
        suites.push_str("  </testsuite>\n");
    }

    writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
    writeln!(
        out,
        "<testsuites name=\"{TOOL_NAME}\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{}\" skipped=\"{skipped}\" time=\"{:.3}\">",
        errors.len(),
        report.summary.elapsed.as_secs_f64()
    )?;
    out.write_all(suites.as_bytes())?;
    writeln!(out, "</testsuites>")
}

/// The rule's severity, the measures it supports, its file, and how many
/// checks passed (when the report says: passes are not test cases, as a
/// `Report` does not say which resources passed).
fn properties(xml: &mut String, rule: &PolicyInfo, passed: Option<usize>) {
    xml.push_str("    <properties>\n");
    let mut property = |name: &str, value: &str| {
        let _ = writeln!(
            xml,
            "      <property name=\"{name}\" value=\"{}\"/>",
            escape(value)
        );
    };
    property("severity", rule.severity.as_str());
    for measure in &rule.measures {
        property("supports", &measure.to_string());
    }
    property("source", &rule.source);
    if let Some(passed) = passed {
        property("passed", &passed.to_string());
    }
    xml.push_str("    </properties>\n");
}

fn test_case(xml: &mut String, rule: &PolicyInfo, finding: &Finding) {
    let mut name = finding.address.clone();
    if let Some(path) = &finding.path {
        name.push_str(&format!(" ({path})"));
    }
    let _ = writeln!(
        xml,
        "    <testcase name=\"{}\" classname=\"{}\"{}>",
        escape(&name),
        escape(&rule.id),
        file_and_line(Some(&finding.location))
    );
    match (&finding.suppression, finding.status) {
        (Some(suppression), _) => {
            let _ = writeln!(
                xml,
                "      <skipped message=\"{}\"/>",
                escape(&format!(
                    "suppressed at {}: {}",
                    suppression.location, suppression.justification
                ))
            );
        }
        (None, Status::Unknown) => {
            let _ = writeln!(
                xml,
                "      <skipped message=\"{}\"/>",
                escape(&format!("unknown: {}", finding.message))
            );
        }
        (None, _) => {
            let measures: Vec<String> = rule.measures.iter().map(|m| m.to_string()).collect();
            let mut body = format!("at {}\n", finding.location);
            if let Some(live) = &finding.live {
                body.push_str(&format!(
                    "account {}, region {}\n",
                    live.account, live.region
                ));
            }
            body.push_str(&format!(
                "supports {}\nremediation: {}\n",
                measures.join(", "),
                rule.remediation.text
            ));
            let _ = writeln!(
                xml,
                "      <failure message=\"{}\" type=\"{}\">{}</failure>",
                escape(&finding.message),
                finding.severity.as_str(),
                escape_text(&body)
            );
        }
    }
    xml.push_str("    </testcase>\n");
}

/// `file` and `line` attributes (read by GitLab and others), when known.
fn file_and_line(location: Option<&crate::model::Location>) -> String {
    location.map_or_else(String::new, |l| {
        format!(" file=\"{}\" line=\"{}\"", escape(&l.path), l.start_line)
    })
}

/// Text for an attribute value. Markup characters become entities; tab,
/// newline and carriage return become character references (an attribute
/// value would otherwise fold them into spaces); characters XML 1.0 does not
/// allow at all are written as `\u{..}` text.
pub fn escape(text: &str) -> String {
    escape_with(text, true)
}

/// Text for element content: as [`escape`], but quotes, tabs and line
/// breaks stay.
pub fn escape_text(text: &str) -> String {
    escape_with(text, false)
}

fn escape_with(text: &str, attribute: bool) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' | '\'' | '\t' | '\n' if !attribute => escaped.push(c),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            '\t' => escaped.push_str("&#9;"),
            '\n' => escaped.push_str("&#10;"),
            '\r' => escaped.push_str("&#13;"),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => {
                let _ = write!(escaped, "\\u{{{:x}}}", c as u32);
            }
            _ => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_markup_whitespace_and_forbidden_characters() {
        assert_eq!(
            escape("a<b>&\"c\" 'd'"),
            "a&lt;b&gt;&amp;&quot;c&quot; &apos;d&apos;"
        );
        assert_eq!(escape("x\ty\nz\r"), "x&#9;y&#10;z&#13;");
        assert_eq!(
            escape("bell\u{7} esc\u{1b} nul\u{0}"),
            "bell\\u{7} esc\\u{1b} nul\\u{0}"
        );
        assert_eq!(escape("\u{fffe}"), "\\u{fffe}");
        assert_eq!(escape("£ ✅ ]]>"), "£ ✅ ]]&gt;");
        assert_eq!(escape_text("a\tb\nc\r<\"'"), "a\tb\nc&#13;&lt;\"'");
    }
}
