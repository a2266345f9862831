//! Reports: one `Report` value built from the evaluations, rendered by one
//! printer per format (`sarif`, `text`, `json`). Printers never re-read
//! sources; everything they show is in the `Report`.

pub mod baseline;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod sarif;
pub mod text;

use crate::graph::ResourceGraph;
use crate::model::{
    Diagnostic, DiagnosticLevel, LiveOrigin, Location, Severity, Suppression, ValueOrigin,
};
use crate::policy::eval::{Evaluated, Evaluation, Status};
use crate::policy::{PolicyInfo, Registry};
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::time::Duration;

pub const TOOL_NAME: &str = "copguard";
pub const TOOL_VERSION: &str = env!("CARGO_PKG_VERSION");
pub const INFORMATION_URI: &str = "https://github.com/copguard/copguard";

/// One result of a rule on a resource: a failure, or with `--show-unknown`
/// a result that depends on values only known after apply.
#[derive(Debug, Clone)]
pub struct Finding {
    pub rule_index: usize,
    pub rule_id: String,
    pub severity: Severity,
    pub status: Status,
    pub address: String,
    pub resource_type: String,
    pub provider: String,
    /// The attribute path the finding points at, if below the resource.
    pub path: Option<String>,
    pub location: Location,
    pub message: String,
    /// Stable across edits that move the resource: a hash of rule id,
    /// resource address and attribute path, never of line numbers.
    pub fingerprint: String,
    pub unknown_paths: Vec<String>,
    /// Input variables that set the offending value, and where.
    pub value_origins: Vec<ValueOrigin>,
    /// The YAML document of a manifest stream the resource came from.
    pub document: Option<usize>,
    /// The in-source suppression that applies, for a suppressed result.
    pub suppression: Option<Suppression>,
    /// Account, region and ARN of a resource from a live snapshot.
    pub live: Option<LiveOrigin>,
    /// New or unchanged, when the scan compares with a baseline.
    pub baseline: Option<baseline::BaselineState>,
    /// The root module that called the resource's module, when the
    /// module's file is outside it (a module shared by several roots).
    pub root_module: Option<String>,
    /// Which of the policy's conditions failed, where it says (`says:`).
    pub reasons: Vec<String>,
    /// The folded child resource that wrote what failed
    /// (`aws_security_group_rule.ssh` of `aws_security_group.web`).
    pub via: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub files: usize,
    pub resources: usize,
    pub policies: usize,
    pub passed: usize,
    pub failed: usize,
    pub unknown: usize,
    /// Failures suppressed in the source (`copguard.io/ignore`).
    pub suppressed: usize,
    pub by_severity: BTreeMap<Severity, usize>,
    pub parse_errors: usize,
    /// Input files not scanned because they are templates or patches: YAML
    /// with Go template actions and kustomize patches (a note each), and the
    /// YAML files below Helm charts' `templates/` (a note per chart, but
    /// counted as files, so the number says how much was not looked at).
    /// Not input errors: rendering them is the way to scan them.
    pub skipped: usize,
    /// Failures that a baseline already holds (they do not fail the scan).
    pub baselined: usize,
    pub elapsed: Duration,
}

#[derive(Debug, Clone)]
pub struct Report {
    /// The policies that ran, in registry (id) order: SARIF rule indices.
    pub rules: Vec<PolicyInfo>,
    /// Failures, ordered by file, position, rule and resource.
    pub findings: Vec<Finding>,
    /// Results that depend on unknown values (always collected; shown with
    /// `--show-unknown`).
    pub unknowns: Vec<Finding>,
    /// Results suppressed in the source: in SARIF (with `suppressions`) and
    /// JSON, counted in the text summary, never failing a scan.
    pub suppressed: Vec<Finding>,
    pub diagnostics: Vec<Diagnostic>,
    pub summary: Summary,
    pub show_unknown: bool,
    /// Whether the text report lists suppressed results.
    pub show_suppressed: bool,
    /// Checks that passed, per rule (in `rules` order): the evidence a
    /// measure has even where nothing failed.
    pub passed_by_rule: Vec<usize>,
    /// Findings of the baseline compared with that this scan no longer has.
    pub absent: Vec<baseline::BaselineEntry>,
    /// Whether the scan was compared with a baseline.
    pub compared: bool,
    /// SARIF `automationDetails.id` (`--sarif-category`): GitHub keeps one
    /// set of results per category.
    pub sarif_category: Option<String>,
    /// Every data store scanned, with its region (data residency).
    pub data_stores: Vec<crate::residency::DataStore>,
}

impl Report {
    pub fn new(
        registry: &Registry,
        graph: &ResourceGraph,
        evaluated: Evaluated,
        mut diagnostics: Vec<Diagnostic>,
        files: usize,
        show_unknown: bool,
        elapsed: Duration,
    ) -> Report {
        let rules: Vec<PolicyInfo> = registry.policies().iter().map(|p| p.info.clone()).collect();
        let passed_by_rule = evaluated.passed.clone();
        let mut summary = Summary {
            files,
            resources: graph.resources.len(),
            policies: rules.len(),
            passed: evaluated.passed.iter().sum(),
            elapsed,
            ..Summary::default()
        };
        for severity in Severity::ALL {
            summary.by_severity.insert(severity, 0);
        }
        // Each result becomes a finding on its own (messages, fingerprints,
        // locations): in parallel, kept in the order of the results. The
        // suppressed and the unknown are then moved out, and the failures
        // stay in place: one vector of findings, not a second copy.
        let mut findings: Vec<Finding> = evaluated
            .results
            .into_par_iter()
            .map(|evaluation| finding(&rules, graph, evaluation))
            .collect();
        let mut suppressed: Vec<Finding> = findings
            .extract_if(.., |finding| finding.suppression.is_some())
            .collect();
        let mut unknowns: Vec<Finding> = findings
            .extract_if(.., |finding| finding.status != Status::Fail)
            .collect();
        summary.suppressed = suppressed.len();
        summary.unknown = unknowns.len();
        summary.failed = findings.len();
        for finding in &findings {
            *summary.by_severity.entry(finding.severity).or_default() += 1;
        }
        // Compared by reference: a key that clones (`sort_by_key`) copies
        // four strings twice per comparison, which on a million findings
        // was most of the time this function took (BENCHMARKS.md).
        fn order(a: &Finding, b: &Finding) -> std::cmp::Ordering {
            (&a.location, &a.rule_id, &a.address, &a.path).cmp(&(
                &b.location,
                &b.rule_id,
                &b.address,
                &b.path,
            ))
        }
        findings.sort_by(order);
        unknowns.sort_by(order);
        suppressed.sort_by(order);
        diagnostics.extend(unused_suppressions(&rules, graph, &suppressed));
        diagnostics.sort();
        diagnostics.dedup();
        summary.parse_errors = diagnostics
            .iter()
            .filter(|d| d.level == DiagnosticLevel::Error)
            .count();
        Report {
            rules,
            findings,
            unknowns,
            suppressed,
            diagnostics,
            summary,
            show_unknown,
            show_suppressed: false,
            passed_by_rule,
            absent: Vec::new(),
            compared: false,
            sarif_category: None,
            data_stores: Vec::new(),
        }
    }

    /// The same report, listing suppressed results in text when asked.
    pub fn show_suppressed(mut self, show: bool) -> Report {
        self.show_suppressed = show;
        self
    }

    /// Whether any finding is at or above `threshold` (None: never).
    /// Findings a baseline already holds do not count.
    pub fn fails_at(&self, threshold: Option<Severity>) -> bool {
        threshold.is_some_and(|t| {
            self.findings
                .iter()
                .any(|f| f.severity <= t && f.baseline != Some(baseline::BaselineState::Unchanged))
        })
    }

    /// The findings a printer shows: failures, plus unknowns when asked.
    pub fn shown(&self) -> impl Iterator<Item = &Finding> {
        let unknowns: &[Finding] = if self.show_unknown {
            &self.unknowns
        } else {
            &[]
        };
        self.findings.iter().chain(unknowns)
    }
}

/// A note for each rule an inline suppression names that suppressed
/// nothing (a rule that did not run is not "unused"). Judged by the
/// suppression itself, not the resource: a Kubernetes object's
/// suppression is used by the pod template views that inherit it.
fn unused_suppressions(
    rules: &[PolicyInfo],
    graph: &ResourceGraph,
    suppressed: &[Finding],
) -> Vec<Diagnostic> {
    use std::collections::BTreeSet;
    // Ids and aliases of the rules that ran.
    let ran: BTreeSet<&str> = rules
        .iter()
        .flat_map(|r| std::iter::once(&r.id).chain(&r.aliases))
        .map(String::as_str)
        .collect();
    // A suppression naming an alias is used by a result of any rule that
    // answers to it.
    let used: BTreeSet<(&Location, &str)> = suppressed
        .iter()
        .filter_map(|f| {
            let suppression = f.suppression.as_ref()?;
            let rule = &rules[f.rule_index];
            Some(
                suppression
                    .rules
                    .iter()
                    .filter(|id| rule.answers_to(id))
                    .map(move |id| (&suppression.location, id.as_str())),
            )
        })
        .flatten()
        .collect();
    let mut seen = BTreeSet::new();
    let mut notes = Vec::new();
    for resource in &graph.resources {
        for suppression in &resource.suppressions {
            for rule in &suppression.rules {
                let key = (&suppression.location, rule.as_str());
                if ran.contains(rule.as_str()) && !used.contains(&key) && seen.insert(key) {
                    notes.push(Diagnostic {
                        level: DiagnosticLevel::Note,
                        message: format!(
                            "the suppression of {rule} at {} suppresses nothing: the rule passes there; remove it",
                            suppression.location
                        ),
                        location: Some(suppression.location.clone()),
                    });
                }
            }
        }
    }
    notes
}

fn finding(rules: &[PolicyInfo], graph: &ResourceGraph, evaluation: Evaluation) -> Finding {
    let rule = &rules[evaluation.policy];
    let resource = &graph.resources[evaluation.resource];
    let mut message = format!("{}: {}", rule.title, resource.address);
    // A result on what a folded child wrote names the child too.
    let via = [evaluation.path.as_deref(), evaluation.item_path.as_deref()]
        .into_iter()
        .flatten()
        .find_map(|path| {
            resource
                .folded_at
                .iter()
                .find(|(at, _)| {
                    crate::attr_path::overlaps(at, path) && path.starts_with(at.as_str())
                })
                .map(|(_, child)| child.clone())
        });
    if let Some(child) = &via {
        message.push_str(&format!(" via {child}"));
    }
    let caller = called_from_elsewhere(resource);
    if let Some(root) = caller {
        // A shared module's file is the same for every root that calls it:
        // the root tells the findings apart.
        message.push_str(&format!(" (called from root module {root})"));
    }
    if let Some(live) = &resource.live {
        message.push_str(&format!(
            " (account {}, region {})",
            live.account, live.region
        ));
    }
    if let Some(item) = &evaluation.item_path {
        // An element with a name (a container, an environment variable, a
        // security rule) is also named, and so is each named element it is
        // in: `containers[0].env[3]` alone does not say which variable to
        // look for, nor `containers[1].ports[0]: sip` in which container
        // (`api/DB_PASSWORD`, `sbc/sip`, or `sbc` for a port without a name).
        let names: Vec<&str> = item
            .match_indices(']')
            .filter_map(|(end, _)| {
                crate::attr_path::value_at(&resource.attributes, &item[..=end])?
                    .get("name")?
                    .as_str()
            })
            .collect();
        if names.is_empty() {
            message.push_str(&format!(" ({item})"));
        } else {
            message.push_str(&format!(" ({item}: {})", names.join("/")));
        }
    }
    if !evaluation.reasons.is_empty() {
        message.push_str(&format!(": {}", evaluation.reasons.join("; ")));
    }
    // A residency finding names the region, which may come from elsewhere
    // (the provider block).
    if let Some(region) = rule
        .data_store_region
        .as_ref()
        .filter(|_| evaluation.status == Status::Fail && resource.live.is_none())
        .and_then(|attribute| resource.attributes.get(attribute)?.as_str())
    {
        message.push_str(&format!(" is in {region}"));
    }
    // The variables behind the value the finding points at. A finding on the
    // whole resource (a setting that is missing) has none.
    let located = evaluation.path.as_deref();
    let mut value_origins: Vec<ValueOrigin> = resource
        .value_origins
        .iter()
        .filter(|(path, _)| {
            located.is_some_and(|l| crate::attr_path::overlaps(path, l))
                && (evaluation.read_paths.is_empty()
                    || evaluation
                        .read_paths
                        .iter()
                        .any(|read| crate::attr_path::overlaps(path, read)))
        })
        .flat_map(|(_, origins)| origins.iter().cloned())
        .collect();
    value_origins.sort();
    value_origins.dedup();
    if evaluation.status == Status::Unknown {
        message.push_str(&format!(
            " depends on {} ({})",
            unknown_cause(rule, resource, &evaluation.unknown_paths),
            evaluation.unknown_paths.join(", ")
        ));
    }
    let sources: Vec<String> = value_origins
        .iter()
        // An unknown result names its unset inputs as its cause already.
        .filter(|o| !(o.unset_input && evaluation.status == Status::Unknown))
        .map(|o| format!("var.{} from {}", o.variable, o.origin))
        .collect();
    if !sources.is_empty() {
        message.push_str(&format!(" (value: {})", sources.join("; ")));
    }
    message.push('.');
    // The file is part of a source finding's identity (two root modules may
    // hold the same address); a live resource's address is unique already,
    // and its snapshot file is named after the time it was taken.
    let file = resource.live.is_none().then(|| match caller {
        Some(root) => format!("{}@{root}", resource.location.path),
        None => resource.location.path.to_string(),
    });
    let fingerprint = fingerprint(
        &rule.id,
        &resource.address,
        evaluation.path.as_deref(),
        file.as_deref(),
    );
    let suppression = resource
        .suppressions
        .iter()
        .find(|s| s.rules.iter().any(|id| rule.answers_to(id)))
        .cloned();
    Finding {
        rule_index: evaluation.policy,
        rule_id: rule.id.clone(),
        severity: rule.severity,
        status: evaluation.status,
        address: resource.address.clone(),
        resource_type: resource.resource_type.clone(),
        provider: resource.provider.clone(),
        path: evaluation.path,
        location: evaluation.location,
        message,
        fingerprint,
        unknown_paths: evaluation.unknown_paths,
        value_origins,
        document: resource.document,
        suppression,
        live: resource.live.clone(),
        baseline: None,
        root_module: caller.map(str::to_string),
        reasons: evaluation.reasons,
        via,
    }
}

/// Why the values an unknown result depends on are not known: inputs
/// nobody gave a value, outputs of a module not loaded, a region the code
/// does not say, or values the cloud assigns on apply.
fn unknown_cause(
    rule: &PolicyInfo,
    resource: &crate::model::Resource,
    unknown_paths: &[String],
) -> String {
    let mut unset: Vec<&str> = Vec::new();
    let mut unloaded: Vec<&str> = Vec::new();
    let mut after_apply = false;
    let mut region = false;
    for path in unknown_paths {
        let inputs: Vec<&str> = resource
            .value_origins
            .iter()
            .filter(|(at, _)| crate::attr_path::overlaps(at, path))
            .flat_map(|(_, origins)| origins.iter())
            .filter(|origin| origin.unset_input)
            .map(|origin| origin.variable.as_str())
            .collect();
        let modules: Vec<&str> = resource
            .unloaded_modules
            .iter()
            .filter(|(at, _)| crate::attr_path::overlaps(at, path))
            .flat_map(|(_, modules)| modules.iter().map(String::as_str))
            .collect();
        if !inputs.is_empty() {
            unset.extend(inputs);
        } else if !modules.is_empty() {
            unloaded.extend(modules);
        } else if rule.data_store_region.as_deref() == Some(path.as_str()) {
            region = true;
        } else {
            after_apply = true;
        }
    }
    unset.sort_unstable();
    unset.dedup();
    let mut causes = Vec::new();
    if !unset.is_empty() {
        let names: Vec<String> = unset.iter().map(|v| format!("var.{v}")).collect();
        // A module's variable is set by its caller's argument, which read
        // a root input nobody gave either.
        let how = if resource.address.starts_with("module.") {
            "set through the module's arguments"
        } else {
            "set with -var, a .tfvars file or TF_VAR_<name>"
        };
        causes.push(format!("{} given no value ({how})", names.join(", ")));
    }
    unloaded.sort_unstable();
    unloaded.dedup();
    if !unloaded.is_empty() {
        causes.push(format!(
            "outputs of {}, not loaded (a module not downloaded: run terraform init, or scan with --download-modules)",
            unloaded.join(", ")
        ));
    }
    if region {
        causes
            .push("a region the code does not give (the provider's region is an input given no value, or comes from the environment, such as AWS_REGION)".into());
    }
    if after_apply || causes.is_empty() {
        causes.push("values known only after apply".into());
    }
    causes.join(" and ")
}

/// The root module (directory) that called a resource's module, when the
/// module's file lies outside that directory (`../modules/sg` of
/// `examples/complete`, or the repository's own top-level module called by
/// each example): several roots then share the file and the address.
fn called_from_elsewhere(resource: &crate::model::Resource) -> Option<&str> {
    let root = resource.namespace.as_deref()?;
    let file = &*resource.location.path;
    let within = if root == "." {
        !file.starts_with("../")
    } else {
        file == root
            || file
                .strip_prefix(root)
                .is_some_and(|rest| rest.starts_with('/'))
    };
    (resource.live.is_none() && !within).then_some(root)
}

/// Hex SHA-256 of rule id, address, attribute path and file, truncated to
/// 32 characters. Never a line number: findings keep their identity when
/// code moves.
pub fn fingerprint(rule_id: &str, address: &str, path: Option<&str>, file: Option<&str>) -> String {
    let mut hasher = Sha256::new();
    for part in [rule_id, address, path.unwrap_or(""), file.unwrap_or("")] {
        hasher.update(part.as_bytes());
        hasher.update([0]);
    }
    hasher
        .finalize()
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect()
}
