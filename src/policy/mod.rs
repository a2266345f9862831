//! Policies: loading and validating policy files (format in
//! `docs/policy-format.md`), compiling their CEL conditions once, and the
//! explicit `Registry` value that holds them. Evaluation is in `eval`.

pub mod docs;
pub mod eval;
mod paths;
pub mod select;
mod tri;

use crate::model::Severity;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// A Code of Practice measure a policy gives evidence in support of.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MeasureRef {
    /// The code: `TSCoP` (Telecommunications Security Code of Practice).
    pub code: String,
    /// The version of the Code the id refers to (`"1.0"`).
    pub version: String,
    /// The measure id in that version (`M13.09`).
    pub id: String,
}

impl std::fmt::Display for MeasureRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {} {}", self.code, self.version, self.id)
    }
}

/// The revision topics of the Code a policy serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Topic {
    PublicCloud,
    DataProtection,
    Encryption,
    Logging,
    NetworkExposure,
    PrivilegedAccess,
    Resilience,
    Apis,
    Automation,
}

impl Topic {
    pub fn as_str(self) -> &'static str {
        match self {
            Topic::PublicCloud => "public-cloud",
            Topic::DataProtection => "data-protection",
            Topic::Encryption => "encryption",
            Topic::Logging => "logging",
            Topic::NetworkExposure => "network-exposure",
            Topic::PrivilegedAccess => "privileged-access",
            Topic::Resilience => "resilience",
            Topic::Apis => "apis",
            Topic::Automation => "automation",
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Remediation {
    pub text: String,
    pub example: String,
}

impl Remediation {
    /// The Markdown fence language of the example: YAML for a Kubernetes
    /// manifest, shell for AWS CLI commands (settings only a live account
    /// has), HCL for Terraform.
    pub fn example_language(&self) -> &'static str {
        if self.example.lines().any(|line| line.starts_with("aws ")) {
            return "sh";
        }
        let manifest = self
            .example
            .lines()
            .any(|line| line.starts_with("apiVersion:") || line.starts_with("kind:"));
        if manifest {
            "yaml"
        } else {
            "hcl"
        }
    }
}

/// `each:` either paths for every type, or paths per type.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(untagged)]
pub enum Each {
    All(EachPaths),
    ByType(BTreeMap<String, EachPaths>),
}

/// One list path, or several evaluated one after the other (a pod's
/// `containers`, `initContainers` and `ephemeralContainers`).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(untagged)]
pub enum EachPaths {
    One(String),
    Many(Vec<String>),
}

impl EachPaths {
    pub fn paths(&self) -> Vec<&str> {
        match self {
            EachPaths::One(path) => vec![path.as_str()],
            EachPaths::Many(paths) => paths.iter().map(String::as_str).collect(),
        }
    }
}

/// A policy file as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct PolicyFile {
    id: String,
    name: String,
    title: String,
    severity: Severity,
    description: String,
    remediation: Remediation,
    measures: Vec<MeasureRef>,
    topics: Vec<Topic>,
    resource_types: Vec<String>,
    /// Retired ids this policy answers to: the id of a policy that was
    /// split in two, named by both halves.
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    each: Option<Each>,
    #[serde(default)]
    location: Vec<LocationSpec>,
    /// For a data-residency policy: the attribute that holds a data store's
    /// region. The resources of its types are then listed, with their
    /// regions, in the reports' data-store inventory.
    #[serde(default)]
    data_store_region: Option<String>,
    /// The policy judges what is written in the code (a secret literal):
    /// a value from an input nobody gave is not written there, so a pass
    /// that read one stands instead of becoming unknown.
    #[serde(default)]
    judges_literals: bool,
    condition: String,
}

/// A `location:` entry: a path, or a path used only when its `when`
/// condition (CEL, same variables) holds for the failing resource or item.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum LocationSpec {
    Path(String),
    When {
        path: String,
        when: String,
        /// What is wrong when `when` holds, for the finding's message
        /// (`backups are kept fewer than 7 days`).
        #[serde(default)]
        says: Option<String>,
    },
}

/// A place a failure may point at, relative to the item.
#[derive(Debug)]
pub struct LocationCandidate {
    pub path: String,
    /// Only when this holds (true) for the failing resource or item.
    pub when: Option<cel::Program>,
    /// What is wrong when `when` holds: every such text of a failure is
    /// named in its message, so a policy with several conditions says
    /// which failed (all of them, not only the one it points at).
    pub says: Option<String>,
}

/// What a policy says about itself, as reports and docs show it.
#[derive(Debug, Clone)]
pub struct PolicyInfo {
    pub id: String,
    pub name: String,
    pub title: String,
    pub severity: Severity,
    pub description: String,
    pub remediation: Remediation,
    pub measures: Vec<MeasureRef>,
    pub topics: Vec<Topic>,
    pub resource_types: Vec<String>,
    /// Retired ids this policy answers to (`aliases:`): `--only`, `--skip`,
    /// `rules:`, `severity:` and inline suppressions naming one act on every
    /// policy that has it.
    pub aliases: Vec<String>,
    /// The attribute holding a data store's region, for a data-residency
    /// policy (`data_store_region:`).
    pub data_store_region: Option<String>,
    /// Where the policy came from: `policies/aws/cg-aws-001.yaml` for a
    /// built-in, the file's path for a user policy.
    pub source: String,
    pub builtin: bool,
}

/// A loaded, validated policy: its description, and its condition compiled
/// on first use. A built-in policy's condition is compiled only when a
/// scan has resources of one of its types (compiling all of them was most
/// of an empty scan's memory and start-up time); a user policy's is
/// compiled as it is loaded, so a broken one stops the scan before it runs.
#[derive(Debug)]
pub struct Policy {
    pub info: PolicyInfo,
    pub each: Option<Each>,
    pub condition: String,
    /// `location:` as written; compiled with the condition.
    location_specs: Vec<LocationSpec>,
    /// The line of `condition:` in the file, for errors.
    condition_line: Option<usize>,
    compiled: OnceLock<Result<Compiled, PolicyError>>,
    /// `judges_literals:` in the file.
    pub judges_literals: bool,
}

/// What evaluating a policy needs beside its description: the compiled
/// condition and locations.
#[derive(Debug)]
pub struct Compiled {
    program: cel::Program,
    /// Attribute paths the condition reads, per variable (`resource`, `item`).
    reads: paths::Reads,
    pub location: Vec<LocationCandidate>,
    /// Whether the condition or a location's `when` reads `related`.
    related: bool,
}

impl Compiled {
    /// Whether the condition reads `related` (its neighbours in the graph).
    pub fn uses_related(&self) -> bool {
        self.related
    }
}

impl PolicyInfo {
    /// Whether `id` names this policy: its own id or one of its aliases.
    pub fn answers_to(&self, id: &str) -> bool {
        self.id == id || self.aliases.iter().any(|a| a == id)
    }
}

impl Policy {
    /// The paths `each` iterates for `resource_type`, if any.
    pub fn each_paths(&self, resource_type: &str) -> Option<Vec<&str>> {
        match &self.each {
            Some(Each::All(paths)) => Some(paths.paths()),
            Some(Each::ByType(by_type)) => by_type.get(resource_type).map(EachPaths::paths),
            None => None,
        }
    }

    /// The compiled condition and locations, compiled on the first call.
    /// An error is a policy that cannot be used (a built-in one only if
    /// the tests that compile every built-in policy were not run).
    pub fn compiled(&self) -> Result<&Compiled, &PolicyError> {
        self.compiled
            .get_or_init(|| {
                compile(
                    &self.info.source,
                    &self.condition,
                    self.condition_line,
                    &self.location_specs,
                )
            })
            .as_ref()
    }

    pub fn applies_to(&self, resource_type: &str) -> bool {
        self.info.resource_types.iter().any(|t| t == resource_type)
    }
}

/// A policy file that cannot be used. Loading stops: a scan with a broken
/// policy would silently check less than the user asked for.
#[derive(Debug, Clone, thiserror::Error)]
#[error("invalid policy {path}{}: {message}", location.map(|(l, c)| format!(":{l}:{c}")).unwrap_or_default())]
pub struct PolicyError {
    pub path: String,
    pub location: Option<(usize, usize)>,
    pub message: String,
}

/// The known measure ids of each Code version, from `policies/measures/`.
fn known_measures() -> &'static BTreeMap<(String, String), BTreeSet<String>> {
    static MEASURES: OnceLock<BTreeMap<(String, String), BTreeSet<String>>> = OnceLock::new();
    MEASURES.get_or_init(|| {
        let mut known: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
        for (path, text) in crate::embedded::MEASURE_FILES {
            // policies/measures/<code>-<version>.tsv: id <TAB> regulations
            let stem = path
                .rsplit('/')
                .next()
                .unwrap_or(path)
                .trim_end_matches(".tsv");
            let Some((code, version)) = stem.split_once('-').filter(|(_, v)| !v.contains('-'))
            else {
                continue;
            };
            let ids = text
                .lines()
                .filter(|line| !line.starts_with('#'))
                .filter_map(|line| line.split('\t').next())
                .filter(|id| !id.is_empty())
                .map(str::to_string)
                .collect();
            known.insert((code.to_string(), version.to_string()), ids);
        }
        known
    })
}

/// The Regulations paragraphs a measure maps to, for help text.
pub fn measure_regulations(measure: &MeasureRef) -> Option<&'static str> {
    let file = format!("{}-{}.tsv", measure.code, measure.version);
    let (_, text) = crate::embedded::MEASURE_FILES
        .iter()
        .find(|(path, _)| path.ends_with(&file))?;
    text.lines()
        .find_map(|line| line.strip_prefix(measure.id.as_str())?.strip_prefix('\t'))
        // Some rows hold only a no-break space: no Regulations.
        .map(str::trim)
        .filter(|regs| !regs.is_empty())
}

/// Parses and validates one policy file's text. `source` names it in errors.
pub fn parse_policy(source: &str, text: &str, builtin: bool) -> Result<Policy, PolicyError> {
    let error = |location: Option<(usize, usize)>, message: String| PolicyError {
        path: source.to_string(),
        location,
        message,
    };
    let file: PolicyFile = serde_saphyr::from_str(text).map_err(|e| {
        let (location, message) = crate::sources::yaml::typed_error(&e);
        error(location, message)
    })?;
    let condition_at = || {
        text.lines()
            .position(|line| line.starts_with("condition:"))
            .map(|i| (i + 1, 1))
    };

    let id_ok = |id: &str| {
        id.split('-').count() >= 2
            && id.split('-').all(|part| {
                !part.is_empty()
                    && part
                        .chars()
                        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            })
    };
    if !id_ok(&file.id) {
        return Err(error(
            None,
            format!(
                "id {:?} must be upper-case words and digits joined by '-', like CG-AWS-001",
                file.id
            ),
        ));
    }
    for alias in &file.aliases {
        if !id_ok(alias) || *alias == file.id {
            return Err(error(
                None,
                format!(
                    "alias {alias:?} must be another id, upper-case words and digits joined by '-'"
                ),
            ));
        }
    }
    let name_ok = file.name.starts_with(|c: char| c.is_ascii_uppercase())
        && file.name.chars().all(|c| c.is_ascii_alphanumeric());
    if !name_ok {
        return Err(error(
            None,
            format!(
                "name {:?} must be a PascalCase identifier, like S3BucketEncrypted",
                file.name
            ),
        ));
    }
    if file.resource_types.is_empty() {
        return Err(error(
            None,
            "resource_types must name at least one type".into(),
        ));
    }
    if file.measures.is_empty() {
        return Err(error(
            None,
            "measures must cite at least one Code of Practice measure".into(),
        ));
    }
    for measure in &file.measures {
        let known = known_measures().get(&(measure.code.clone(), measure.version.clone()));
        match known {
            None => {
                return Err(error(
                    None,
                    format!(
                        "unknown code {} version {}; known: TSCoP 1.0",
                        measure.code, measure.version
                    ),
                ))
            }
            Some(ids) if !ids.contains(&measure.id) => {
                return Err(error(
                    None,
                    format!("{measure} is not a measure of that Code version"),
                ))
            }
            Some(_) => {}
        }
    }
    if !file.remediation.text.trim_end().ends_with('.') {
        return Err(error(
            None,
            "remediation.text must be a sentence ending with a period".into(),
        ));
    }
    if let Some(Each::ByType(paths)) = &file.each {
        if let Some(t) = paths.keys().find(|t| !file.resource_types.contains(t)) {
            return Err(error(
                None,
                format!("each names type {t} which is not in resource_types"),
            ));
        }
    }

    let policy = Policy {
        info: PolicyInfo {
            id: file.id,
            name: file.name,
            title: file.title,
            severity: file.severity,
            description: file.description.trim().to_string(),
            remediation: Remediation {
                text: file.remediation.text.trim().to_string(),
                example: file.remediation.example,
            },
            measures: file.measures,
            topics: file.topics,
            resource_types: file.resource_types,
            aliases: file.aliases,
            data_store_region: file.data_store_region,
            source: source.to_string(),
            builtin,
        },
        each: file.each,
        condition: file.condition,
        location_specs: file.location,
        condition_line: condition_at().map(|(line, _)| line),
        compiled: OnceLock::new(),
        judges_literals: file.judges_literals,
    };
    // A user policy is compiled now: a broken one must stop the scan
    // before it runs, naming the file.
    if !builtin {
        policy.compiled().map_err(PolicyError::clone)?;
    }
    Ok(policy)
}

/// Compiles a policy's condition and the `when` of its locations, and
/// checks that they use only the variables a condition has.
fn compile(
    source: &str,
    condition: &str,
    condition_line: Option<usize>,
    location_specs: &[LocationSpec],
) -> Result<Compiled, PolicyError> {
    let error = |location: Option<(usize, usize)>, message: String| PolicyError {
        path: source.to_string(),
        location,
        message,
    };
    let condition_at = || condition_line.map(|line| (line, 1));
    let program = cel::Program::compile(condition).map_err(|e| {
        error(
            condition_at(),
            format!("condition is not valid CEL: {}", first_line(&e.to_string())),
        )
    })?;
    let reads = paths::reads(program.expression());
    let mut location = Vec::new();
    let mut free_variables = reads.free_variables.clone();
    for spec in location_specs {
        match spec {
            LocationSpec::Path(path) => location.push(LocationCandidate {
                path: path.clone(),
                when: None,
                says: None,
            }),
            LocationSpec::When { path, when, says } => {
                let when_program = cel::Program::compile(when).map_err(|e| {
                    error(
                        None,
                        format!(
                            "location `when` for {path} is not valid CEL: {}",
                            first_line(&e.to_string())
                        ),
                    )
                })?;
                free_variables.extend(paths::reads(when_program.expression()).free_variables);
                location.push(LocationCandidate {
                    path: path.clone(),
                    when: Some(when_program),
                    says: says.as_ref().map(|s| s.trim().to_string()),
                });
            }
        }
    }
    for variable in &free_variables {
        // CEL's type names (`type(x) == string`) are identifiers too.
        const TYPE_NAMES: &[&str] = &[
            "bool",
            "bytes",
            "double",
            "int",
            "list",
            "map",
            "null_type",
            "string",
            "type",
            "uint",
        ];
        if !eval::VARIABLES.contains(&variable.as_str()) && !TYPE_NAMES.contains(&variable.as_str())
        {
            return Err(error(
                condition_at(),
                format!(
                    "condition uses undeclared variable `{variable}`; available: {}",
                    eval::VARIABLES.join(", ")
                ),
            ));
        }
    }
    Ok(Compiled {
        program,
        reads,
        location,
        related: free_variables.iter().any(|v| v == "related"),
    })
}

fn first_line(text: &str) -> &str {
    text.lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or(text)
        .trim()
}

/// The policies a scan runs: built-ins and user policies, by id.
#[derive(Debug, Default)]
pub struct Registry {
    policies: Vec<Policy>,
    /// Ids of every policy loaded, before `select`: an id outside it in a
    /// suppression is a typo, one inside it merely did not run.
    known_ids: std::collections::BTreeSet<String>,
    /// Data-store types and the attribute holding their region, from every
    /// data-residency policy loaded (before `select`: the inventory lists
    /// stores even when the residency rule is skipped).
    data_stores: BTreeMap<String, String>,
    /// Regions where data may be kept: the CEL variable `allowed_regions`.
    allowed_regions: Vec<String>,
}

impl Registry {
    /// The policies embedded in the binary.
    pub fn builtin() -> Result<Registry, PolicyError> {
        // One by one: compiling in parallel saved 6 ms of wall time but cost
        // 4 MB of peak memory in every scan (mimalloc heaps per thread).
        let mut registry = Registry::default();
        for (path, text) in crate::embedded::POLICY_FILES {
            registry.add(parse_policy(path, text, true)?)?;
        }
        Ok(registry)
    }

    /// Adds every `*.yaml` / `*.yml` policy file below `dir`.
    pub fn load_dir(&mut self, dir: &Path) -> Result<usize, PolicyError> {
        let mut files: Vec<PathBuf> = Vec::new();
        let walker = ignore::WalkBuilder::new(dir)
            .standard_filters(false)
            .hidden(true)
            .follow_links(false)
            .build();
        for entry in walker {
            let entry = entry.map_err(|e| PolicyError {
                path: dir.display().to_string(),
                location: None,
                message: format!("cannot read policy directory: {e}"),
            })?;
            let path = entry.path();
            let is_yaml = path
                .extension()
                .is_some_and(|ext| ext == "yaml" || ext == "yml");
            if entry.file_type().is_some_and(|t| t.is_file()) && is_yaml {
                files.push(path.to_path_buf());
            }
        }
        if files.is_empty() {
            return Err(PolicyError {
                path: dir.display().to_string(),
                location: None,
                message: "no policy files (*.yaml, *.yml) found".into(),
            });
        }
        files.sort();
        for path in &files {
            let source = path.display().to_string();
            let text = std::fs::read_to_string(path).map_err(|e| PolicyError {
                path: source.clone(),
                location: None,
                message: format!("cannot read policy file: {e}"),
            })?;
            self.add(parse_policy(&source, &text, false)?)?;
        }
        Ok(files.len())
    }

    /// Adds a policy; ids are unique across built-in and user policies,
    /// and an alias is never the id of a policy (several policies may
    /// share an alias: the halves of a split policy).
    pub fn add(&mut self, policy: Policy) -> Result<(), PolicyError> {
        let clash = self.policies.iter().find_map(|p| {
            if p.info.id == policy.info.id {
                Some(format!(
                    "policy id {} is already used by {}",
                    p.info.id, p.info.source
                ))
            } else if p.info.aliases.contains(&policy.info.id) {
                Some(format!(
                    "policy id {} is an alias of {} ({})",
                    policy.info.id, p.info.id, p.info.source
                ))
            } else {
                policy
                    .info
                    .aliases
                    .iter()
                    .find(|a| **a == p.info.id)
                    .map(|a| format!("alias {a} is the id of a policy ({})", p.info.source))
            }
        });
        if let Some(message) = clash {
            return Err(PolicyError {
                path: policy.info.source.clone(),
                location: None,
                message,
            });
        }
        if let Some(attribute) = &policy.info.data_store_region {
            for resource_type in &policy.info.resource_types {
                self.data_stores
                    .insert(resource_type.clone(), attribute.clone());
            }
        }
        let at = self
            .policies
            .partition_point(|p| p.info.id < policy.info.id);
        self.policies.insert(at, policy);
        Ok(())
    }

    /// Keeps the policies selected by `--only` (if any) and not `--skip`ped.
    /// An id may be an alias: it selects (or skips) every policy answering
    /// to it. Unknown ids are an error: a typo must not silently run nothing.
    pub fn select(&mut self, only: &[String], skip: &[String]) -> Result<(), String> {
        self.known_ids.extend(
            self.policies
                .iter()
                .flat_map(|p| std::iter::once(&p.info.id).chain(&p.info.aliases))
                .cloned(),
        );
        for id in only.iter().chain(skip) {
            if !self.policies.iter().any(|p| p.info.answers_to(id)) {
                return Err(format!(
                    "no policy has id {id}; `copguard policies` lists them"
                ));
            }
        }
        self.policies.retain(|p| {
            (only.is_empty() || only.iter().any(|id| p.info.answers_to(id)))
                && !skip.iter().any(|id| p.info.answers_to(id))
        });
        Ok(())
    }

    pub fn policies(&self) -> &[Policy] {
        &self.policies
    }

    /// Data-store types and the attribute that holds each one's region.
    pub fn data_stores(&self) -> &BTreeMap<String, String> {
        &self.data_stores
    }

    /// The regions where data may be kept (data-residency policies read
    /// them as `allowed_regions`); the UK regions unless set.
    pub fn allowed_regions(&self) -> Vec<String> {
        if self.allowed_regions.is_empty() {
            crate::config::DEFAULT_ALLOWED_REGIONS
                .iter()
                .map(|r| r.to_string())
                .collect()
        } else {
            self.allowed_regions.clone()
        }
    }

    pub fn set_allowed_regions(&mut self, regions: Vec<String>) {
        self.allowed_regions = regions;
    }

    /// Gives the policy `id` another severity (`severity:` in
    /// `.copguard.yaml`). Naming a policy that was not loaded is an error.
    pub fn override_severity(&mut self, id: &str, severity: Severity) -> Result<(), String> {
        if !self.knows(id) {
            return Err(format!(
                "severity: no policy has id {id}; `copguard policies` lists them"
            ));
        }
        for policy in self.policies.iter_mut().filter(|p| p.info.answers_to(id)) {
            policy.info.severity = severity;
        }
        Ok(())
    }

    /// Whether any policy loaded has this id or alias, whether or not it
    /// was selected.
    pub fn knows(&self, id: &str) -> bool {
        self.known_ids.contains(id) || self.policies.iter().any(|p| p.info.answers_to(id))
    }

    pub fn len(&self) -> usize {
        self.policies.len()
    }

    pub fn is_empty(&self) -> bool {
        self.policies.is_empty()
    }
}
