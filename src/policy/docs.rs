//! `docs/policies.md`, generated from the policies so it cannot drift (a
//! test compares the file with this output).

use super::{measure_regulations, Registry};
use std::fmt::Write as _;

pub fn markdown(registry: &Registry) -> String {
    let mut md = String::from(
        "# Built-in policies\n\n\
         Generated from `policies/` by `COPGUARD_UPDATE_DOCS=1 cargo test --test docs`; do not edit.\n\n\
         Each policy gives evidence *in support of* the Telecommunications Security Code of Practice\n\
         measures it cites; no policy by itself satisfies a measure.\n\n\
         | id | severity | title | resource types | measures |\n|---|---|---|---|---|\n",
    );
    for p in registry.policies() {
        let measures: Vec<&str> = p.info.measures.iter().map(|m| m.id.as_str()).collect();
        let _ = writeln!(
            md,
            "| [{}](#{}) | {} | {} | {} | {} |",
            p.info.id,
            p.info.id.to_lowercase(),
            p.info.severity,
            p.info.title,
            p.info.resource_types.join(", "),
            measures.join(", ")
        );
    }
    // Retired ids, and the policies that answer to them.
    let mut retired: std::collections::BTreeMap<&str, Vec<&str>> = Default::default();
    for p in registry.policies() {
        for alias in &p.info.aliases {
            retired.entry(alias).or_default().push(&p.info.id);
        }
    }
    if !retired.is_empty() {
        md.push_str(
            "\nRetired ids, each split so that a check can be skipped or suppressed alone; \
             the old id still selects, skips and suppresses all of its successors:\n\n\
             | retired id | answered by |\n|---|---|\n",
        );
        for (alias, ids) in &retired {
            let links: Vec<String> = ids
                .iter()
                .map(|id| format!("[{id}](#{})", id.to_lowercase()))
                .collect();
            let _ = writeln!(md, "| {alias} | {} |", links.join(", "));
        }
    }
    for p in registry.policies() {
        let _ = write!(
            md,
            "\n## {}\n\n**{}** · {} · `{}`\n\n{}\n\n",
            p.info.id, p.info.title, p.info.severity, p.info.name, p.info.description
        );
        let topics: Vec<&str> = p.info.topics.iter().map(|t| t.as_str()).collect();
        let _ = writeln!(
            md,
            "- Resource types: {}",
            p.info
                .resource_types
                .iter()
                .map(|t| format!("`{t}`"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let _ = writeln!(md, "- Topics: {}", topics.join(", "));
        if !p.info.aliases.is_empty() {
            let others: Vec<&str> = registry
                .policies()
                .iter()
                .filter(|o| o.info.id != p.info.id)
                .filter(|o| o.info.aliases.iter().any(|a| p.info.aliases.contains(a)))
                .map(|o| o.info.id.as_str())
                .collect();
            let aliases: Vec<String> = p.info.aliases.iter().map(|a| format!("`{a}`")).collect();
            let mut line = format!(
                "- Answers to {}, a retired id: `--only`, `--skip`, `rules:`, `severity:`, \
                 `# copguard:ignore` and `copguard.io/ignore` naming it act on this policy",
                aliases.join(", ")
            );
            if !others.is_empty() {
                line.push_str(&format!(" and on {}", others.join(", ")));
            }
            let _ = writeln!(md, "{line}.");
        }
        let _ = writeln!(md, "- Supports:");
        for m in &p.info.measures {
            let regs = measure_regulations(m)
                .map(|r| format!(" (Regulations {r})"))
                .unwrap_or_default();
            let _ = writeln!(md, "  - {m}{regs}");
        }
        let _ = write!(
            md,
            "\n**Remediation.** {}\n\n```{}\n{}\n```\n\nCondition (CEL, true when compliant):\n\n```cel\n{}\n```\n",
            p.info.remediation.text,
            p.info.remediation.example_language(),
            p.info.remediation.example.trim_end(),
            p.condition.trim_end()
        );
    }
    md
}
