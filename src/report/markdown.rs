//! Markdown for a compliance reviewer: the scan's evidence arranged by Code
//! of Practice measure rather than by file. One table row per measure the
//! policies that ran cite, the findings under each measure, the measures
//! this scan gave no evidence for, and (collapsed) the measures copguard can
//! never give evidence for, so the report cannot be read as covering the
//! whole Code. Counts are of checks: one policy on one resource, or on one
//! element of it (a container, a rule of a security group).

use super::{Finding, Report, TOOL_NAME, TOOL_VERSION};
use crate::explain::{measure_ids, measure_order, measure_ref, summary_or_placeholder};
use crate::model::Severity;
use crate::policy::eval::Status;
use crate::policy::{measure_regulations, MeasureRef, Registry};
use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};

/// Checks that passed per rule (in `report.rules` order).
pub(super) fn passed_by_rule(report: &Report) -> Option<Vec<usize>> {
    Some(report.passed_by_rule.clone())
}

/// Results of the policies that ran for one measure.
#[derive(Debug, Default, Clone)]
struct Counts {
    /// Indices into `report.rules` of the policies that ran and cite it.
    rules: Vec<usize>,
    /// None when the report does not say.
    passed: Option<usize>,
    failed: usize,
    unknown: usize,
    suppressed: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Evidence {
    Failed,
    Suppressed,
    Unknown,
    Supported,
    /// No failures, unknowns or suppressions; whether anything passed is
    /// not known.
    NoFailures,
    /// Its policies ran but had nothing to check.
    Nothing,
}

impl Evidence {
    fn of(counts: &Counts) -> Evidence {
        if counts.failed > 0 {
            Evidence::Failed
        } else if counts.suppressed > 0 {
            Evidence::Suppressed
        } else if counts.unknown > 0 {
            Evidence::Unknown
        } else {
            match counts.passed {
                Some(0) => Evidence::Nothing,
                Some(_) => Evidence::Supported,
                None => Evidence::NoFailures,
            }
        }
    }

    fn label(self) -> &'static str {
        match self {
            Evidence::Failed => "❌ failures",
            Evidence::Suppressed => "⚠️ failures suppressed",
            Evidence::Unknown => "❔ only unknowns",
            Evidence::Supported => "✅ supported",
            Evidence::NoFailures => "▫️ no failures found",
            Evidence::Nothing => "⬜ nothing checked",
        }
    }
}

/// Renders the report. `known` is every policy copguard could have run
/// (the built-ins, and any user policies, before `--only`/`--skip`): a Code
/// measure none of them cites is outside copguard's scope.
pub fn render(report: &Report, known: &Registry, out: &mut dyn Write) -> io::Result<()> {
    render_with(report, known, passed_by_rule(report), out)
}

/// [`render`] with the passes per rule given (`report.rules` order).
fn render_with(
    report: &Report,
    known: &Registry,
    passed: Option<Vec<usize>>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut by_measure: BTreeMap<(usize, MeasureRef), Counts> = BTreeMap::new();
    // The measures of each rule, as sort keys, looked up once.
    let keys: Vec<Vec<(usize, MeasureRef)>> = report
        .rules
        .iter()
        .map(|rule| rule.measures.iter().map(measure_order).collect())
        .collect();
    for (index, rule_keys) in keys.iter().enumerate() {
        for key in rule_keys {
            let counts = by_measure.entry(key.clone()).or_insert_with(|| Counts {
                passed: passed.as_ref().map(|_| 0),
                ..Counts::default()
            });
            counts.rules.push(index);
            if let (Some(total), Some(p)) = (&mut counts.passed, &passed) {
                *total += p[index];
            }
        }
    }
    let mut count = |findings: &[Finding], field: fn(&mut Counts) -> &mut usize| {
        for finding in findings {
            for key in &keys[finding.rule_index] {
                if let Some(counts) = by_measure.get_mut(key) {
                    *field(counts) += 1;
                }
            }
        }
    };
    count(&report.findings, |c| &mut c.failed);
    count(&report.unknowns, |c| &mut c.unknown);
    count(&report.suppressed, |c| &mut c.suppressed);

    header(report, known, out)?;
    measures_table(&by_measure, passed.is_some(), out)?;
    findings_by_measure(report, &by_measure, out)?;
    data_stores(report, known, out)?;
    no_evidence(report, known, &by_measure, passed.is_some(), out)?;
    outside_scope(report, known, out)
}

fn header(report: &Report, known: &Registry, out: &mut dyn Write) -> io::Result<()> {
    let s = &report.summary;
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    writeln!(
        out,
        "# Telecommunications Security Code of Practice: evidence from {TOOL_NAME}\n"
    )?;
    writeln!(
        out,
        "**Scope:** {}, {}, {} run. Measures of TSCoP 1.0 (December 2022). {TOOL_NAME} {TOOL_VERSION}.\n",
        plural(s.files, "file", "files"),
        plural(s.resources, "resource", "resources"),
        plural(s.policies, "policy", "policies"),
    )?;
    if s.parse_errors > 0 {
        writeln!(
            out,
            "> ⚠️ {} could not be read: nothing in {} was checked, and this report holds no evidence from {}.\n",
            plural(s.parse_errors, "input", "inputs"),
            if s.parse_errors == 1 { "it" } else { "them" },
            if s.parse_errors == 1 { "it" } else { "them" },
        )?;
    }
    if s.skipped > 0 {
        writeln!(
            out,
            "> ℹ️ {} not scanned: templates or kustomize patches, which mean something only once rendered. Scan the output of `helm template` or `kustomize build` for evidence from {}.\n",
            plural(s.skipped, "file was", "files were"),
            if s.skipped == 1 { "it" } else { "them" },
        )?;
    }
    let outside = outside_scope_ids(report, known).len();
    writeln!(
        out,
        "{TOOL_NAME} checks the configuration of cloud and cluster resources. A passing check is \
         evidence *in support of* the measures its policy cites; it does not by itself satisfy a \
         measure, and {outside} of the Code's {} measures are outside what {TOOL_NAME} can show \
         (listed at the end). This report is not a statement of compliance with the Code. \
         `{TOOL_NAME} explain <id>` explains any policy or measure.\n",
        measure_ids().len()
    )?;
    let by_severity: Vec<String> = Severity::ALL
        .iter()
        .map(|sev| format!("{} {sev}", s.by_severity.get(sev).copied().unwrap_or(0)))
        .collect();
    writeln!(
        out,
        "**Checks:** {} failed ({}), {} unknown, {} suppressed, {} passed.\n",
        s.failed,
        by_severity.join(", "),
        s.unknown,
        s.suppressed,
        s.passed
    )
}

fn measures_table(
    by_measure: &BTreeMap<(usize, MeasureRef), Counts>,
    passes_known: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(out, "## Measures\n")?;
    if by_measure.is_empty() {
        return writeln!(
            out,
            "No policy ran, so this scan gives no evidence for any measure.\n"
        );
    }
    writeln!(
        out,
        "| Measure | Evidence | Policies | Passed | Failed | Unknown | Suppressed | Summary |\n\
         |---|---|--:|--:|--:|--:|--:|---|"
    )?;
    for ((_, measure), counts) in by_measure {
        writeln!(
            out,
            "| {measure} | {} | {} | {} | {} | {} | {} | {} |",
            Evidence::of(counts).label(),
            counts.rules.len(),
            counts.passed.map_or("?".to_string(), |n| n.to_string()),
            counts.failed,
            counts.unknown,
            counts.suppressed,
            cell(summary_or_placeholder(measure)),
        )?;
    }
    writeln!(
        out,
        "\n✅ supported: checks passed and none failed · ❌ failures: at least one check failed · \
         ⚠️ failures suppressed: failures accepted in the source, none open · ❔ only unknowns: \
         results depend on values known only after apply · ⬜ nothing checked: no resource its \
         policies apply to. Counts are of checks: one policy on one resource, or on one element \
         of it (a container, a security group rule)."
    )?;
    if !passes_known {
        writeln!(
            out,
            "\n▫️ no failures found: this report does not count passes per policy (\"?\"), so it \
             cannot tell a measure whose checks all passed from one with nothing to check."
        )?;
    }
    writeln!(out)
}

fn findings_by_measure(
    report: &Report,
    by_measure: &BTreeMap<(usize, MeasureRef), Counts>,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(out, "## Findings by measure\n")?;
    let unknowns: &[Finding] = if report.show_unknown {
        &report.unknowns
    } else {
        &[]
    };
    let mut any = false;
    for ((_, measure), counts) in by_measure {
        let cites = |f: &&Finding| counts.rules.contains(&f.rule_index);
        let mut failed: Vec<&Finding> = report.findings.iter().filter(cites).collect();
        failed.sort_by_key(|f| (f.severity, f.rule_id.clone()));
        let suppressed = report.suppressed.iter().filter(cites);
        let unknown = unknowns.iter().filter(cites);
        let rows: Vec<&Finding> = failed
            .into_iter()
            .chain(suppressed)
            .chain(unknown)
            .collect();
        if rows.is_empty() {
            continue;
        }
        any = true;
        writeln!(
            out,
            "### {measure}: {}\n",
            cell(summary_or_placeholder(measure))
        )?;
        if let Some(regulations) = measure_regulations(measure) {
            writeln!(out, "Regulations {regulations}.\n")?;
        }
        writeln!(
            out,
            "| Result | Severity | Policy | Resource | Location |\n|---|---|---|---|---|"
        )?;
        for finding in rows {
            let rule = &report.rules[finding.rule_index];
            let result = match (&finding.suppression, finding.status) {
                (Some(s), _) => format!("⚠️ suppressed: {}", cell(&s.justification)),
                (None, Status::Unknown) => format!(
                    "❔ unknown: depends on {}",
                    finding
                        .unknown_paths
                        .iter()
                        .map(|p| code(p))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                (None, _) => "❌ failed".to_string(),
            };
            let mut resource = code(&finding.address);
            if let Some(path) = &finding.path {
                resource.push_str(&format!(" at {}", code(path)));
            }
            if let Some(live) = &finding.live {
                resource.push_str(&format!(
                    " (account {}, region {})",
                    cell(&live.account),
                    cell(&live.region)
                ));
            }
            writeln!(
                out,
                "| {result} | {} | {} {} | {resource} | {} |",
                finding.severity,
                rule.id,
                cell(&rule.title),
                code(&finding.location.to_string())
            )?;
        }
        writeln!(out)?;
    }
    if !any {
        writeln!(out, "No check failed.\n")?;
    }
    if !report.show_unknown && !report.unknowns.is_empty() {
        writeln!(
            out,
            "{} depend on values known only after apply and are counted above but not listed; \
             `--show-unknown` lists them.\n",
            if report.unknowns.len() == 1 {
                "1 result".to_string()
            } else {
                format!("{} results", report.unknowns.len())
            }
        )?;
    }
    Ok(())
}

/// Where each data store is: the list of data locations TSCoP 1.0 M21.04
/// asks a provider to keep.
fn data_stores(report: &Report, known: &Registry, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "## Data stores and their regions
"
    )?;
    writeln!(
        out,
        "For TSCoP 1.0 M21.04 and M21.05: every data store scanned, with its region. \
         Allowed regions: {}.\n",
        known
            .allowed_regions()
            .iter()
            .map(|r| code(r))
            .collect::<Vec<_>>()
            .join(", ")
    )?;
    if report.data_stores.is_empty() {
        writeln!(out, "No data store was found.\n")?;
        return Ok(());
    }
    let outside = report
        .data_stores
        .iter()
        .filter(|s| s.allowed == Some(false))
        .count();
    let unknown = report
        .data_stores
        .iter()
        .filter(|s| s.region.is_none())
        .count();
    writeln!(
        out,
        "{} data stores: {} in an allowed region, {outside} outside, {unknown} where the region is unknown.\n",
        report.data_stores.len(),
        report.data_stores.len() - outside - unknown
    )?;
    writeln!(
        out,
        "| Region | Resource | Type | Location |\n|---|---|---|---|"
    )?;
    for store in &report.data_stores {
        let region = match (&store.region, store.allowed) {
            (Some(region), Some(true)) => format!("✅ {}", code(region)),
            (Some(region), _) => format!("🌍 {} (outside the allowed regions)", code(region)),
            (None, _) => "❔ unknown (not in the code)".to_string(),
        };
        let mut resource = code(&store.address);
        if let Some(live) = &store.live {
            resource.push_str(&format!(" (account {})", cell(&live.account)));
        }
        writeln!(
            out,
            "| {region} | {resource} | {} | {} |",
            code(&store.resource_type),
            code(&store.location.to_string())
        )?;
    }
    writeln!(out)
}

fn no_evidence(
    report: &Report,
    known: &Registry,
    by_measure: &BTreeMap<(usize, MeasureRef), Counts>,
    passes_known: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(out, "## Measures with no evidence from this scan\n")?;
    let mut lines = Vec::new();
    for ((_, measure), counts) in by_measure {
        if Evidence::of(counts) == Evidence::Nothing {
            let ids: Vec<&str> = counts
                .rules
                .iter()
                .map(|&i| report.rules[i].id.as_str())
                .collect();
            lines.push(format!(
                "- {measure}: {} Its policies ({}) found no resource to check.",
                cell(summary_or_placeholder(measure)),
                ids.join(", ")
            ));
        }
    }
    // Measures the policies that did not run (--only, --skip) cite.
    let ran: BTreeSet<&str> = report.rules.iter().map(|r| r.id.as_str()).collect();
    let mut not_run: BTreeMap<(usize, MeasureRef), Vec<&str>> = BTreeMap::new();
    for policy in known.policies() {
        if ran.contains(policy.info.id.as_str()) {
            continue;
        }
        for measure in &policy.info.measures {
            let key = measure_order(measure);
            if !by_measure.contains_key(&key) {
                not_run.entry(key).or_default().push(&policy.info.id);
            }
        }
    }
    for ((_, measure), ids) in not_run {
        lines.push(format!(
            "- {measure}: {} Its policies ({}) did not run.",
            cell(summary_or_placeholder(&measure)),
            ids.join(", ")
        ));
    }
    if lines.is_empty() {
        if passes_known {
            writeln!(
                out,
                "Every measure copguard's policies cite has results above.\n"
            )?;
        } else {
            writeln!(
                out,
                "Every measure copguard's policies cite had its policies run. Without passes per \
                 policy this report cannot tell which of them found nothing to check (\"▫️\" above).\n"
            )?;
        }
        return Ok(());
    }
    for line in lines {
        writeln!(out, "{line}")?;
    }
    writeln!(out)
}

/// Measures of TSCoP 1.0 that no policy copguard has (or ran) cites.
fn outside_scope_ids(report: &Report, known: &Registry) -> Vec<&'static str> {
    let cited: BTreeSet<MeasureRef> = known
        .policies()
        .iter()
        .map(|p| &p.info)
        .chain(&report.rules)
        .flat_map(|info| info.measures.iter().cloned())
        .collect();
    measure_ids()
        .iter()
        .copied()
        .filter(|id| !cited.contains(&measure_ref(id)))
        .collect()
}

fn outside_scope(report: &Report, known: &Registry, out: &mut dyn Write) -> io::Result<()> {
    let ids = outside_scope_ids(report, known);
    writeln!(out, "## Measures outside copguard's scope\n")?;
    writeln!(
        out,
        "<details>\n<summary>{} measures no copguard policy cites</summary>\n",
        ids.len()
    )?;
    writeln!(
        out,
        "These measures concern processes, people, suppliers or network equipment that cloud and \
         cluster configuration does not show. Evidence for them has to come from elsewhere; this \
         report says nothing about them.\n"
    )?;
    // One line per section of the Code (M1, M2, ...), in the Code's order.
    let mut sections: Vec<(&str, Vec<&str>)> = Vec::new();
    for id in ids {
        let section = id.split('.').next().unwrap_or(id);
        match sections.last_mut() {
            Some((last, members)) if *last == section => members.push(id),
            _ => sections.push((section, vec![id])),
        }
    }
    for (section, members) in sections {
        writeln!(out, "- {section}: {}", members.join(", "))?;
    }
    writeln!(out, "\n</details>")
}

/// Text for a Markdown table cell: no line breaks, no `|` that would end
/// the cell, no HTML.
pub fn cell(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' => escaped.push_str("\\|"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '&' => escaped.push_str("&amp;"),
            '\n' | '\r' => escaped.push(' '),
            _ => escaped.push(c),
        }
    }
    escaped
}

/// A code span that survives a table cell: long enough a fence for any
/// backticks inside, `|` escaped (GitHub reads `\|` in a cell's code span as
/// `|`).
fn code(text: &str) -> String {
    let text = text.replace(['\n', '\r'], " ").replace('|', "\\|");
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_and_code_spans_cannot_break_a_table() {
        assert_eq!(cell("a | b\nc <d> & e"), "a \\| b c &lt;d&gt; &amp; e");
        assert_eq!(code("aws_s3_bucket.logs"), "`aws_s3_bucket.logs`");
        assert_eq!(code("a|b"), "`a\\|b`");
        assert_eq!(code("x `y` z"), "``x `y` z``");
        assert_eq!(code("`y`"), "`` `y` ``");
    }

    fn render_insecure(passed: impl Fn(&str) -> usize) -> String {
        let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let report = crate::scan(&crate::ScanOptions {
            paths: vec![root.join("testdata/examples/insecure")],
            base_dir: root,
            ..crate::ScanOptions::default()
        })
        .unwrap();
        let known = Registry::builtin().unwrap();
        let passes = report.rules.iter().map(|r| passed(&r.id)).collect();
        let mut out = Vec::new();
        render_with(&report, &known, Some(passes), &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// How the report reads once `Report` keeps passes per rule.
    #[test]
    fn with_passes_per_rule_measures_are_supported_or_not_evidenced() {
        // Say CG-AWS-021 (default security group, M11.18) passed once;
        // nothing else that cites M11.18 or M6.05 checked anything.
        let md = render_insecure(|id| usize::from(id == "CG-AWS-021"));
        assert!(!md.contains("▫️"), "{md}");
        assert!(!md.contains("| ? |"), "{md}");
        let row = |id: &str| {
            md.lines()
                .find(|l| l.starts_with(&format!("| TSCoP 1.0 {id} |")))
                .unwrap_or_else(|| panic!("{id} row in {md}"))
                .to_string()
        };
        assert!(
            row("M11.18").starts_with("| TSCoP 1.0 M11.18 | ✅ supported | 3 | 1 | 0 |"),
            "{md}"
        );
        assert!(row("M6.05").contains("| ⬜ nothing checked |"), "{md}");
        assert!(row("M13.09").contains("| ❌ failures |"), "{md}");
        let no_evidence = md
            .split("## Measures with no evidence from this scan")
            .nth(1)
            .unwrap()
            .split("## Measures outside")
            .next()
            .unwrap();
        assert!(
            no_evidence.contains("- TSCoP 1.0 M6.05: Disable default and built-in (hard-coded) accounts. Its policies ("),
            "{no_evidence}"
        );
        assert!(!no_evidence.contains("M11.18"), "{no_evidence}");
        assert!(!no_evidence.contains("M13.09"), "{no_evidence}");
    }

    #[test]
    fn evidence_follows_the_worst_result() {
        let counts = |passed, failed, unknown, suppressed| Counts {
            rules: vec![0],
            passed,
            failed,
            unknown,
            suppressed,
        };
        assert_eq!(Evidence::of(&counts(Some(3), 1, 1, 1)), Evidence::Failed);
        assert_eq!(
            Evidence::of(&counts(Some(3), 0, 1, 1)),
            Evidence::Suppressed
        );
        assert_eq!(Evidence::of(&counts(Some(3), 0, 1, 0)), Evidence::Unknown);
        assert_eq!(Evidence::of(&counts(Some(3), 0, 0, 0)), Evidence::Supported);
        assert_eq!(Evidence::of(&counts(Some(0), 0, 0, 0)), Evidence::Nothing);
        assert_eq!(Evidence::of(&counts(None, 0, 0, 0)), Evidence::NoFailures);
    }
}
