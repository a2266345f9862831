//! `copguard explain <id>`, like `rustc --explain`: what a rule checks and
//! which Code of Practice measures it supports, or what a measure is about
//! and which rules give evidence in support of it.
//!
//! This module also owns what copguard knows about the measures beyond their
//! ids and Regulations (which `policy::measure_regulations` reads): its own
//! one-line summaries (`policies/measures/TSCoP-1.0-summaries.tsv`, never the
//! Code's text) and the aliases of v1.0 ids in the revised Code
//! (`policies/measures/TSCoP-1.0-revised-aliases.tsv`). Both files are
//! embedded with the other `.tsv` files under `policies/`
//! (`crate::embedded::MEASURE_FILES`) and looked up by their exact path.

use crate::policy::{measure_regulations, MeasureRef, Policy, PolicyInfo, Registry};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::sync::OnceLock;

/// The code copguard's measure ids refer to.
pub const CODE: &str = "TSCoP";
/// The only version of the Code whose measure ids copguard knows.
pub const VERSION: &str = "1.0";

const MEASURES_PATH: &str = "policies/measures/TSCoP-1.0.tsv";
const SUMMARIES_PATH: &str = "policies/measures/TSCoP-1.0-summaries.tsv";
const ALIASES_PATH: &str = "policies/measures/TSCoP-1.0-revised-aliases.tsv";

/// Said of every measure without a summary in our words yet.
pub const NO_SUMMARY: &str = "(no summary yet)";

/// Width explanations are wrapped to.
const WIDTH: usize = 79;

/// Why `copguard explain` could not explain an id (exit code 2).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExplainError {
    /// Neither a rule (id or name) nor a measure: `suggestions` are the
    /// nearest ids and names, closest first.
    #[error("{}", unknown_message(id, suggestions))]
    Unknown {
        id: String,
        suggestions: Vec<String>,
    },
    /// A measure of a Code version copguard has no ids for.
    #[error("copguard knows the measure ids of {CODE} {VERSION} only, not {code} {version}: the revised Code's numbering is not available in a form copguard can read")]
    Version { code: String, version: String },
}

fn unknown_message(id: &str, suggestions: &[String]) -> String {
    let mut message = format!("{id} is neither a copguard rule nor a {CODE} {VERSION} measure");
    match suggestions {
        [] => message.push_str("; `copguard policies` lists the rules"),
        [one] => message.push_str(&format!("; did you mean {one}?")),
        [init @ .., last] => {
            message.push_str(&format!("; did you mean {} or {last}?", init.join(", ")))
        }
    }
    message
}

fn embedded(path: &str) -> &'static str {
    crate::embedded::MEASURE_FILES
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, text)| *text)
        .unwrap_or_default()
}

/// Whether `id` has the shape of a measure id (`M13.09`). `TSCoP-1.0.tsv`
/// also holds a few section headings in its id column; they are not measures.
fn is_measure_shaped(id: &str) -> bool {
    let Some((section, number)) = id.strip_prefix('M').and_then(|rest| rest.split_once('.')) else {
        return false;
    };
    !section.is_empty()
        && section.chars().all(|c| c.is_ascii_digit())
        && number.len() == 2
        && number.chars().all(|c| c.is_ascii_digit())
}

/// Every measure id of TSCoP 1.0, in the Code's order.
pub fn measure_ids() -> &'static [&'static str] {
    static IDS: OnceLock<Vec<&'static str>> = OnceLock::new();
    IDS.get_or_init(|| {
        embedded(MEASURES_PATH)
            .lines()
            .filter(|line| !line.starts_with('#'))
            .filter_map(|line| line.split('\t').next())
            .filter(|id| is_measure_shaped(id))
            .collect()
    })
}

/// Whether `id` is a measure of TSCoP 1.0.
pub fn is_measure(id: &str) -> bool {
    measure_ids().contains(&id)
}

/// The place of a measure in the Code (`M2.04` before `M10.05`), for
/// sorting; unknown ids after all known ones.
pub fn measure_order(measure: &MeasureRef) -> (usize, MeasureRef) {
    let known = measure.code == CODE && measure.version == VERSION;
    let index = measure_ids()
        .iter()
        .position(|id| known && *id == measure.id)
        .unwrap_or(usize::MAX);
    (index, measure.clone())
}

/// A TSCoP 1.0 measure reference.
pub fn measure_ref(id: &str) -> MeasureRef {
    MeasureRef {
        code: CODE.to_string(),
        version: VERSION.to_string(),
        id: id.to_string(),
    }
}

/// Parses `id<TAB>summary` rows (`#` lines are comments). Every id must be
/// known, at most once, with a one-line summary.
pub fn parse_summaries(
    text: &str,
    is_known: impl Fn(&str) -> bool,
) -> Result<BTreeMap<&str, &str>, String> {
    let mut summaries = BTreeMap::new();
    for (n, line) in rows(text) {
        let Some((id, summary)) = line.split_once('\t') else {
            return Err(format!("line {n}: expected id<TAB>summary"));
        };
        let summary = summary.trim();
        if summary.is_empty() || summary.contains('\t') {
            return Err(format!("line {n}: {id} needs one summary and nothing else"));
        }
        if !is_known(id) {
            return Err(format!(
                "line {n}: {id} is not a measure of {CODE} {VERSION}"
            ));
        }
        if summaries.insert(id, summary).is_some() {
            return Err(format!("line {n}: {id} is summarised twice"));
        }
    }
    Ok(summaries)
}

/// The non-comment, non-blank lines of a TSV file, numbered from 1.
fn rows(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, line)| (i + 1, line.trim_end_matches('\r')))
        .filter(|(_, line)| !line.starts_with('#') && !line.trim().is_empty())
}

fn summaries() -> &'static BTreeMap<&'static str, &'static str> {
    static SUMMARIES: OnceLock<BTreeMap<&'static str, &'static str>> = OnceLock::new();
    // A broken file is caught by the unit tests; a binary built from one
    // shows no summaries rather than failing.
    SUMMARIES
        .get_or_init(|| parse_summaries(embedded(SUMMARIES_PATH), is_measure).unwrap_or_default())
}

/// copguard's one-line summary of a TSCoP 1.0 measure, in its own words.
pub fn summary(id: &str) -> Option<&'static str> {
    summaries().get(id).copied()
}

/// The summary of any measure reference, or [`NO_SUMMARY`].
pub fn summary_or_placeholder(measure: &MeasureRef) -> &'static str {
    if measure.code == CODE && measure.version == VERSION {
        summary(&measure.id).unwrap_or(NO_SUMMARY)
    } else {
        NO_SUMMARY
    }
}

/// Parses `v1.0<TAB>revised` rows (`#` lines are comments): every v1.0 id
/// must be known and appear once; the revised id is one word. Several v1.0
/// measures may share a revised id (the revision merged them).
pub fn parse_revised_aliases(
    text: &str,
    is_known: impl Fn(&str) -> bool,
) -> Result<BTreeMap<String, String>, String> {
    let mut aliases = BTreeMap::new();
    for (n, line) in rows(text) {
        let cells: Vec<&str> = line.split('\t').map(str::trim).collect();
        let [old, revised] = cells[..] else {
            return Err(format!(
                "line {n}: expected v1.0<TAB>revised, got {} column(s)",
                cells.len()
            ));
        };
        if !is_known(old) {
            return Err(format!(
                "line {n}: {old} is not a measure of {CODE} {VERSION}"
            ));
        }
        if revised.is_empty() || revised.contains(char::is_whitespace) {
            return Err(format!(
                "line {n}: the revised id of {old} must be one word, got {revised:?}"
            ));
        }
        if aliases
            .insert(old.to_string(), revised.to_string())
            .is_some()
        {
            return Err(format!("line {n}: {old} has a revised id already"));
        }
    }
    Ok(aliases)
}

/// The revised-Code id of each v1.0 measure that has one.
pub fn revised_aliases() -> Result<BTreeMap<String, String>, String> {
    parse_revised_aliases(embedded(ALIASES_PATH), is_measure)
        .map_err(|e| format!("{ALIASES_PATH}: {e}"))
}

/// The measure an argument names, if it is written as one: `M13.09`,
/// `m13.09`, `TSCoP 1.0 M13.09`. Whether the measure exists is not checked.
pub fn parse_measure(input: &str) -> Result<Option<String>, ExplainError> {
    let words: Vec<&str> = input.split_whitespace().collect();
    let id = match words[..] {
        [id] => id,
        [code, version, id] if code.eq_ignore_ascii_case(CODE) => {
            if version != VERSION {
                return Err(ExplainError::Version {
                    code: CODE.to_string(),
                    version: version.to_string(),
                });
            }
            id
        }
        _ => return Ok(None),
    };
    let id = id.to_ascii_uppercase();
    Ok(id.starts_with('M').then_some(id))
}

/// Explains a rule (by id or name, any case) or a measure (`M13.09`,
/// `TSCoP 1.0 M13.09`), as text for a terminal.
pub fn explain(registry: &Registry, id: &str) -> Result<String, ExplainError> {
    let wanted = id.trim();
    if let Some(policy) = registry.policies().iter().find(|p| {
        p.info.id.eq_ignore_ascii_case(wanted) || p.info.name.eq_ignore_ascii_case(wanted)
    }) {
        return Ok(explain_rule(&policy.info));
    }
    // A retired id: the policies that answer to it.
    let answering: Vec<String> = registry
        .policies()
        .iter()
        .filter(|p| {
            p.info
                .aliases
                .iter()
                .any(|a| a.eq_ignore_ascii_case(wanted))
        })
        .map(|p| explain_rule(&p.info))
        .collect();
    if !answering.is_empty() {
        return Ok(format!(
            "{} is a retired id; it was split into these rules, which answer to it:\n\n{}",
            wanted.to_uppercase(),
            answering.join("\n")
        ));
    }
    if let Some(measure) = parse_measure(wanted)? {
        if is_measure(&measure) {
            return Ok(explain_measure(registry, &measure));
        }
    }
    Err(ExplainError::Unknown {
        id: wanted.to_string(),
        suggestions: suggestions(registry, wanted),
    })
}

fn explain_rule(info: &PolicyInfo) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}: {}\n", info.id, info.title);
    let origin = if info.builtin {
        "built-in"
    } else {
        "user policy"
    };
    let topics: Vec<&str> = info.topics.iter().map(|t| t.as_str()).collect();
    let _ = writeln!(out, "Name:           {}", info.name);
    let _ = writeln!(out, "Severity:       {}", info.severity);
    let _ = writeln!(out, "Resource types: {}", info.resource_types.join(", "));
    let _ = writeln!(out, "Topics:         {}", topics.join(", "));
    let _ = writeln!(out, "Defined in:     {} ({origin})", info.source);

    let _ = writeln!(out, "\nWhat it checks and why\n");
    wrap_into(&mut out, &info.description, "    ");

    let _ = writeln!(out, "\nCode of Practice measures it supports\n");
    wrap_into(
        &mut out,
        "A passing result is evidence in support of these measures; it does not by itself satisfy them.",
        "    ",
    );
    out.push('\n');
    for measure in &info.measures {
        let _ = writeln!(out, "    {measure}");
        wrap_into(&mut out, summary_or_placeholder(measure), "        ");
        if let Some(regulations) = measure_regulations(measure) {
            wrap_into(&mut out, &format!("Regulations {regulations}"), "        ");
        }
    }

    let _ = writeln!(out, "\nHow to fix it\n");
    wrap_into(&mut out, &info.remediation.text, "    ");
    let _ = writeln!(out, "\nExample ({})\n", info.remediation.example_language());
    for line in info.remediation.example.trim_end().lines() {
        if line.is_empty() {
            out.push('\n');
        } else {
            let _ = writeln!(out, "    {line}");
        }
    }
    out
}

fn explain_measure(registry: &Registry, id: &str) -> String {
    let measure = measure_ref(id);
    let mut out = String::new();
    let _ = writeln!(out, "{measure}\n");
    wrap_hanging(
        &mut out,
        summary(id).unwrap_or(NO_SUMMARY),
        "Summary:      ",
        "              ",
    );
    wrap_hanging(
        &mut out,
        measure_regulations(&measure).unwrap_or("none listed"),
        "Regulations:  ",
        "              ",
    );
    let revised = revised_aliases()
        .ok()
        .and_then(|aliases| aliases.get(id).cloned())
        .unwrap_or_else(|| "not recorded yet".to_string());
    let _ = writeln!(out, "Revised Code: {revised}");
    out.push('\n');
    wrap_into(
        &mut out,
        "The summary is copguard's, not the Code's words: read the Code for what the measure asks. Regulations are paragraphs of the Electronic Communications (Security Measures) Regulations 2022 (SI 2022/933).",
        "",
    );

    let policies: Vec<&Policy> = registry
        .policies()
        .iter()
        .filter(|p| p.info.measures.contains(&measure))
        .collect();
    if policies.is_empty() {
        out.push('\n');
        wrap_into(
            &mut out,
            "No copguard policy gives evidence in support of this measure. It is a process measure, or concerns equipment or people that infrastructure configuration does not show: its evidence comes from outside copguard.",
            "",
        );
        return out;
    }
    let _ = writeln!(
        out,
        "\nPolicies that give evidence in support of it ({})\n",
        policies.len()
    );
    wrap_into(
        &mut out,
        "A passing result supports the measure; it does not by itself satisfy it.",
        "    ",
    );
    out.push('\n');
    let width = policies.iter().map(|p| p.info.id.len()).max().unwrap_or(0);
    for policy in policies {
        let _ = writeln!(
            out,
            "    {:<width$}  {:<8}  {}",
            policy.info.id, policy.info.severity, policy.info.title
        );
    }
    out
}

/// Appends `text` wrapped at [`WIDTH`], each line indented; the text's own
/// line breaks (paragraphs) are kept.
fn wrap_into(out: &mut String, text: &str, indent: &str) {
    wrap_hanging(out, text, indent, indent);
}

/// Like [`wrap_into`], with `first` in front of the first line (a label
/// as wide as `indent`).
fn wrap_hanging(out: &mut String, text: &str, first: &str, indent: &str) {
    let mut prefix = first;
    for paragraph in text.trim().lines() {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            if !line.is_empty() && indent.len() + line.len() + 1 + word.len() > WIDTH {
                let _ = writeln!(out, "{prefix}{line}");
                prefix = indent;
                line.clear();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        if line.is_empty() {
            out.push('\n');
        } else {
            let _ = writeln!(out, "{prefix}{line}");
            prefix = indent;
        }
    }
}

/// The three ids or names nearest to `wanted` (case-insensitive edit
/// distance), closest first; on a tie, those that start with what was typed
/// first, then in order. Nothing that is not close.
fn suggestions(registry: &Registry, wanted: &str) -> Vec<String> {
    let wanted_lower = wanted.to_lowercase();
    let mut candidates: BTreeSet<&str> = measure_ids().iter().copied().collect();
    for policy in registry.policies() {
        candidates.insert(&policy.info.id);
        candidates.insert(&policy.info.name);
    }
    let limit = (wanted.chars().count() / 3).max(2);
    let mut scored: Vec<(usize, bool, &str)> = candidates
        .into_iter()
        .filter_map(|candidate| {
            let lower = candidate.to_lowercase();
            let distance = edit_distance(&wanted_lower, &lower);
            let extends = lower.starts_with(&wanted_lower);
            (distance <= limit || extends).then_some((distance, !extends, candidate))
        })
        .collect();
    scored.sort();
    scored
        .into_iter()
        .take(3)
        .map(|(_, _, candidate)| candidate.to_string())
        .collect()
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registry() -> Registry {
        Registry::builtin().expect("built-in policies load")
    }

    fn cited(registry: &Registry) -> BTreeSet<String> {
        registry
            .policies()
            .iter()
            .flat_map(|p| p.info.measures.iter().map(|m| m.id.clone()))
            .collect()
    }

    #[test]
    fn every_builtin_rule_explains_by_id_and_name_in_any_case() {
        let registry = registry();
        assert!(!registry.is_empty());
        for policy in registry.policies() {
            let info = &policy.info;
            let text = explain(&registry, &info.id).expect(&info.id);
            assert!(text.starts_with(&format!("{}: {}\n", info.id, info.title)));
            assert!(text.contains(&format!("Severity:       {}", info.severity)));
            for t in &info.resource_types {
                assert!(text.contains(t.as_str()), "{}: {t}", info.id);
            }
            for m in &info.measures {
                assert!(text.contains(&format!("\n    {m}\n")), "{}: {m}", info.id);
            }
            assert!(text.contains("How to fix it"));
            assert_eq!(explain(&registry, &info.id.to_lowercase()).unwrap(), text);
            assert_eq!(explain(&registry, &info.name.to_lowercase()).unwrap(), text);
            assert!(!text.to_lowercase().contains("complies"), "{}", info.id);
        }
    }

    #[test]
    fn a_rule_explanation_is_readable() {
        let text = explain(&registry(), "cg-aws-001").unwrap();
        assert!(
            text.contains("    TSCoP 1.0 M13.09\n        Encrypt data at rest wherever"),
            "{text}"
        );
        assert!(
            text.contains("        Regulations 4(5); 7(4)(b); 8(1)\n"),
            "{text}"
        );
        assert!(text.contains("Example (hcl)\n\n    resource "), "{text}");
        // Prose is wrapped; the example is shown as written.
        let prose = text.split("Example (").next().unwrap();
        for line in prose.lines() {
            assert!(line.chars().count() <= WIDTH, "{line}");
        }
    }

    #[test]
    fn every_cited_measure_explains_with_its_policies_and_a_summary() {
        let registry = registry();
        let cited = cited(&registry);
        assert!(cited.len() >= 40, "{cited:?}");
        for id in &cited {
            let summary = summary(id).unwrap_or_else(|| panic!("{id} has no summary"));
            for input in [
                id.clone(),
                id.to_lowercase(),
                format!("TSCoP 1.0 {id}"),
                format!("tscop 1.0 {}", id.to_lowercase()),
            ] {
                let text = explain(&registry, &input).expect(&input);
                assert!(
                    text.starts_with(&format!("TSCoP 1.0 {id}\n\nSummary:      ")),
                    "{text}"
                );
                let words: Vec<&str> = text.split_whitespace().collect();
                let summary_words: Vec<&str> = summary.split_whitespace().collect();
                assert!(
                    words
                        .windows(summary_words.len())
                        .any(|w| w == summary_words),
                    "{text}"
                );
                assert!(text.contains("Policies that give evidence in support of it"));
                assert!(!text.to_lowercase().contains("complies"));
            }
        }
        let text = explain(&registry, "M13.09").unwrap();
        assert!(text.contains("CG-AWS-001"), "{text}");
        assert!(text.contains("Regulations:  "), "{text}");
        assert!(text.contains("Revised Code: not recorded yet"), "{text}");
    }

    #[test]
    fn a_process_measure_says_no_policy_gives_evidence() {
        let registry = registry();
        let cited = cited(&registry);
        let process = measure_ids()
            .iter()
            .find(|id| !cited.contains(**id))
            .expect("some measure is not cited");
        let text = explain(&registry, process).unwrap();
        assert!(text.contains(NO_SUMMARY) || summary(process).is_some());
        assert!(text.contains("No copguard policy gives evidence"), "{text}");
    }

    #[test]
    fn unknown_ids_suggest_the_nearest() {
        let registry = registry();
        let Err(ExplainError::Unknown { suggestions, .. }) = explain(&registry, "CG-AWS-01") else {
            panic!("CG-AWS-01 is not a rule");
        };
        assert_eq!(suggestions, ["CG-AWS-010", "CG-AWS-011", "CG-AWS-012"]);

        let error = explain(&registry, "M13.9").unwrap_err();
        let ExplainError::Unknown { suggestions, .. } = &error else {
            panic!("{error}");
        };
        assert_eq!(suggestions[0], "M13.09", "{suggestions:?}");
        assert!(
            error.to_string().starts_with(
                "M13.9 is neither a copguard rule nor a TSCoP 1.0 measure; did you mean M13.09, "
            ),
            "{error}"
        );

        let Err(ExplainError::Unknown { suggestions, .. }) =
            explain(&registry, "S3BucketEncrypted")
        else {
            panic!("not a name");
        };
        assert_eq!(
            suggestions[0], "S3BucketEncryptedWithKms",
            "{suggestions:?}"
        );

        let error = explain(&registry, "no-such-thing-at-all").unwrap_err();
        assert_eq!(
            error.to_string(),
            "no-such-thing-at-all is neither a copguard rule nor a TSCoP 1.0 measure; `copguard policies` lists the rules"
        );
        // Headings in the measure list are not measures.
        assert!(matches!(
            explain(&registry, "Management Plane 1"),
            Err(ExplainError::Unknown { .. })
        ));
    }

    #[test]
    fn another_code_version_is_its_own_error() {
        let error = explain(&registry(), "TSCoP 1.1 M13.09").unwrap_err();
        assert!(matches!(error, ExplainError::Version { .. }), "{error}");
        assert!(error.to_string().contains("TSCoP 1.1"), "{error}");
    }

    #[test]
    fn measure_ids_are_the_codes_measures_in_order() {
        let ids = measure_ids();
        assert_eq!(ids.len(), 258);
        assert_eq!(ids[0], "M1.01");
        assert!(ids.iter().all(|id| is_measure_shaped(id)));
        assert!(measure_order(&measure_ref("M2.04")) < measure_order(&measure_ref("M10.05")));
        assert!(!is_measure("Management Plane 1"));
    }

    #[test]
    fn the_summaries_file_is_valid_and_covers_every_cited_measure() {
        let parsed = parse_summaries(embedded(SUMMARIES_PATH), is_measure).expect("valid");
        for id in cited(&registry()) {
            assert!(parsed.contains_key(id.as_str()), "{id} needs a summary");
        }
        for (id, summary) in parsed {
            assert!(
                summary.ends_with('.'),
                "{id}: one sentence ending with a period"
            );
            assert!(summary.len() <= 130, "{id}: one line");
        }
    }

    #[test]
    fn bad_summary_rows_are_rejected() {
        assert!(parse_summaries("# comment\nM1.01\tKeep a list.\n", is_measure).is_ok());
        for (text, error) in [
            ("M1.01 no tab\n", "line 1: expected id<TAB>summary"),
            (
                "M99.01\tNo such.\n",
                "line 1: M99.01 is not a measure of TSCoP 1.0",
            ),
            (
                "M1.01\tOne.\nM1.01\tTwo.\n",
                "line 2: M1.01 is summarised twice",
            ),
            (
                "M1.01\t\n",
                "line 1: M1.01 needs one summary and nothing else",
            ),
        ] {
            assert_eq!(parse_summaries(text, is_measure).unwrap_err(), error);
        }
    }

    #[test]
    fn the_revised_aliases_file_is_valid_and_empty_for_now() {
        assert_eq!(revised_aliases(), Ok(BTreeMap::new()));
        assert!(embedded(ALIASES_PATH).contains("# v1.0<TAB>revised"));
    }

    #[test]
    fn revised_alias_rows_are_checked() {
        let aliases = parse_revised_aliases(
            "# v1.0\trevised\n\nM13.09\tX1.2\nM13.10\tX1.2\n",
            is_measure,
        )
        .unwrap();
        assert_eq!(aliases["M13.09"], "X1.2");
        assert_eq!(aliases.len(), 2);
        for (text, error) in [
            (
                "M13.09\n",
                "line 1: expected v1.0<TAB>revised, got 1 column(s)",
            ),
            (
                "M13.09\tA\tB\n",
                "line 1: expected v1.0<TAB>revised, got 3 column(s)",
            ),
            (
                "M99.99\tA\n",
                "line 1: M99.99 is not a measure of TSCoP 1.0",
            ),
            (
                "Management Plane 1\tA\n",
                "line 1: Management Plane 1 is not a measure of TSCoP 1.0",
            ),
            (
                "M13.09\tA\nM13.09\tB\n",
                "line 2: M13.09 has a revised id already",
            ),
            (
                "M13.09\ttwo words\n",
                "line 1: the revised id of M13.09 must be one word, got \"two words\"",
            ),
            (
                "M13.09\t\n",
                "line 1: the revised id of M13.09 must be one word, got \"\"",
            ),
        ] {
            assert_eq!(
                parse_revised_aliases(text, is_measure).unwrap_err(),
                error,
                "{text:?}"
            );
        }
    }

    #[test]
    fn the_summaries_do_not_disturb_the_measure_lookup() {
        // `measure_regulations` finds TSCoP-1.0.tsv by `ends_with`: the
        // other files must not be taken for it.
        assert_eq!(
            measure_regulations(&measure_ref("M1.01")),
            Some("3(3)(c),(d),(e); 3(4); 3(5); 4(4)(b); 6(4); 8(3)")
        );
        let matches = crate::embedded::MEASURE_FILES
            .iter()
            .filter(|(p, _)| p.ends_with("TSCoP-1.0.tsv"))
            .count();
        assert_eq!(matches, 1);
    }

    #[test]
    fn edit_distance_counts_edits() {
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("m13.9", "m13.09"), 1);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
