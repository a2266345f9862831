//! `.copguard.yaml`: the settings a team keeps beside its code, so every run
//! of the scan (a laptop, CI, the GitHub Action) uses the same ones. Found at
//! the scan root or given with `--config`; options on the command line
//! override it. `copguard init` writes [`STARTER`].

use crate::model::Severity;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// File names looked for at the scan root, in this order.
pub const FILE_NAMES: &[&str] = &[".copguard.yaml", ".copguard.yml"];

/// The regions data may be kept in when nothing says otherwise: the UK
/// regions of AWS (London) and Azure (UK South, UK West).
pub const DEFAULT_ALLOWED_REGIONS: &[&str] = &["eu-west-2", "uksouth", "ukwest"];

/// The `fail-on` threshold: a severity, or `none` to never fail on findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    Critical,
    High,
    Medium,
    Low,
    None,
}

impl FailOn {
    pub fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Critical => Some(Severity::Critical),
            FailOn::High => Some(Severity::High),
            FailOn::Medium => Some(Severity::Medium),
            FailOn::Low => Some(Severity::Low),
            FailOn::None => None,
        }
    }
}

/// Which rules run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    /// Run only these (all when empty).
    #[serde(default)]
    pub only: Vec<String>,
    /// Never run these.
    #[serde(default)]
    pub skip: Vec<String>,
}

/// `.copguard.yaml` as written. Every key is optional; paths are relative to
/// the file's directory.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Globs of paths not to scan (`modules/legacy/**`, `**/*.test.yaml`),
    /// matched against paths relative to the file's directory.
    #[serde(default)]
    pub exclude: Vec<String>,
    #[serde(default)]
    pub rules: Rules,
    /// Severity per rule id, replacing the policy's own.
    #[serde(default)]
    pub severity: BTreeMap<String, Severity>,
    pub fail_on: Option<FailOn>,
    /// Directories of team policies, added to the built-ins.
    #[serde(default)]
    pub policies: Vec<PathBuf>,
    /// Terraform variable files (`.tfvars`, `.tfvars.json`), applied in
    /// order before `--var-file`.
    #[serde(default)]
    pub var_files: Vec<PathBuf>,
    /// Regions where data may be kept (data residency, TSCoP 1.0 M21.04,
    /// M21.05).
    pub allowed_regions: Option<Vec<String>>,
    pub allow_input_errors: Option<bool>,
    /// Custom resources that carry a pod template, added to the built-in
    /// table (`providers/kubernetes/normalise.yaml`): `group/Kind` (or
    /// `Kind`, any group) -> path of the template (`spec.template`; "" when
    /// the object is the pod). Their pod template gets every pod policy.
    #[serde(default)]
    pub kubernetes_workloads: BTreeMap<String, String>,
}

/// A config file that cannot be used: the scan stops (exit 2) rather than
/// run with settings the team did not write.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}{}: {message}", path.display(), at.map(|(l, c)| format!(":{l}:{c}")).unwrap_or_default())]
    Invalid {
        path: PathBuf,
        at: Option<(usize, usize)>,
        message: String,
    },
}

impl Config {
    /// Parses a config file's text; `path` names it in errors.
    pub fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
        let invalid = |at, message: String| ConfigError::Invalid {
            path: path.to_path_buf(),
            at,
            message,
        };
        // An empty file (or one of only comments) is the default config.
        if text
            .lines()
            .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
        {
            return Ok(Config::default());
        }
        let config: Config = serde_saphyr::from_str(text).map_err(|e| {
            let (at, message) = crate::sources::yaml::typed_error(&e);
            invalid(at, message)
        })?;
        let line_of = |needle: &str| {
            text.lines()
                .position(|line| line.contains(needle))
                .map(|i| (i + 1, 1))
        };
        for pattern in &config.exclude {
            if let Err(error) = globset::Glob::new(pattern) {
                return Err(invalid(
                    line_of(pattern),
                    format!("exclude: {pattern:?} is not a glob: {}", error.kind()),
                ));
            }
        }
        if let Some(regions) = &config.allowed_regions {
            if let Some(bad) = regions.iter().find(|r| r.trim().is_empty()) {
                return Err(invalid(
                    line_of("allowed-regions"),
                    format!("allowed-regions: {bad:?} is not a region"),
                ));
            }
        }
        for kind in config.kubernetes_workloads.keys() {
            let name = kind.rsplit('/').next().unwrap_or(kind);
            let ok = kind.matches('/').count() <= 1
                && !kind.starts_with('/')
                && name.starts_with(|c: char| c.is_ascii_uppercase())
                && name.chars().all(|c| c.is_ascii_alphanumeric());
            if !ok {
                return Err(invalid(
                    line_of(kind),
                    format!(
                        "kubernetes-workloads: {kind:?} is not a kind: write Kind or group/Kind, like argoproj.io/Rollout"
                    ),
                ));
            }
        }
        Ok(config)
    }

    /// Reads the file at `path`.
    pub fn read(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Config::parse(path, &text)
    }

    /// The config file of a scan: `explicit` (`--config`), else the first
    /// of [`FILE_NAMES`] in `root`.
    pub fn find(explicit: Option<&Path>, root: &Path) -> Option<PathBuf> {
        if let Some(path) = explicit {
            return Some(path.to_path_buf());
        }
        FILE_NAMES
            .iter()
            .map(|name| root.join(name))
            .find(|path| path.is_file())
    }

    /// Makes the file's relative paths relative to `dir` (its directory).
    pub fn resolve_paths(&mut self, dir: &Path) {
        for path in self.policies.iter_mut().chain(self.var_files.iter_mut()) {
            if path.is_relative() {
                *path = dir.join(&*path);
            }
        }
    }
}

/// Paths left out of a scan: globs matched against paths relative to a
/// directory (the config file's).
#[derive(Debug, Clone, Default)]
pub struct Exclude {
    root: PathBuf,
    globs: Option<globset::GlobSet>,
}

impl Exclude {
    /// `patterns` relative to `root`. A pattern without `/` matches at any
    /// depth, as in `.gitignore` (`*.test.yaml`).
    pub fn new(root: &Path, patterns: &[String]) -> Result<Exclude, globset::Error> {
        if patterns.is_empty() {
            return Ok(Exclude::default());
        }
        let mut builder = globset::GlobSetBuilder::new();
        for pattern in patterns {
            let pattern = pattern.trim_start_matches("./").trim_end_matches('/');
            let glob = |p: &str| globset::GlobBuilder::new(p).literal_separator(true).build();
            builder.add(glob(pattern)?);
            // A directory excludes what is below it.
            builder.add(glob(&format!("{pattern}/**"))?);
            if !pattern.contains('/') {
                builder.add(glob(&format!("**/{pattern}"))?);
                builder.add(glob(&format!("**/{pattern}/**"))?);
            }
        }
        Ok(Exclude {
            root: std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf()),
            globs: Some(builder.build()?),
        })
    }

    /// Whether `path` is excluded. Paths outside the root are not.
    pub fn matches(&self, path: &Path) -> bool {
        let Some(globs) = &self.globs else {
            return false;
        };
        let absolute = if path.is_absolute() {
            path.to_path_buf()
        } else {
            std::env::current_dir()
                .map(|dir| dir.join(path))
                .unwrap_or_else(|_| path.to_path_buf())
        };
        let absolute = lexically_normal(&absolute);
        match absolute.strip_prefix(&self.root) {
            Ok(relative) if !relative.as_os_str().is_empty() => globs.is_match(relative),
            _ => false,
        }
    }
}

/// `a/./b/../c` -> `a/c`, without touching the file system (the walker's
/// paths need not be canonical, and symbolic links are not followed).
fn lexically_normal(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// What `copguard init` writes: every key, commented, with its default.
pub const STARTER: &str = r#"# copguard configuration: https://github.com/copguard/copguard#configuration
# Options on the command line override these settings. Paths are relative to
# this file's directory.

# Paths not to scan (globs; a name without '/' matches at any depth).
exclude: []
#  - "**/.terraform/**"
#  - "examples/**"

# Which rules run (`copguard policies` lists them).
rules:
  only: []   # empty: every rule
  skip: []   # e.g. [CG-K8S-006]

# A severity per rule, replacing the policy's own (critical, high, medium,
# low).
severity: {}
#  CG-AWS-005: medium

# Exit 1 when a finding is at or above this severity (critical, high,
# medium, low, none).
fail-on: high

# Directories of your own policies, added to the built-ins.
policies: []

# Terraform variable files, applied before any --var-file.
var-files: []

# Regions where data may be kept (TSCoP 1.0 M21.04, M21.05): a data store
# elsewhere is a low-severity finding. The UK regions by default.
allowed-regions: [eu-west-2, uksouth, ukwest]

# Exit 0 rather than 3 when some input could not be read.
allow-input-errors: false

# Custom resources with a pod template, beyond the built-in ones (Knative,
# Argo Rollouts, OpenKruise, KEDA): group/Kind -> path of the template.
# Every pod policy applies to their pods.
kubernetes-workloads: {}
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starter_parses_to_the_defaults() {
        let config = Config::parse(Path::new(".copguard.yaml"), STARTER).expect("starter parses");
        assert_eq!(config.fail_on, Some(FailOn::High));
        assert_eq!(config.allow_input_errors, Some(false));
        assert_eq!(
            config.allowed_regions.as_deref(),
            Some(
                &DEFAULT_ALLOWED_REGIONS
                    .iter()
                    .map(|r| r.to_string())
                    .collect::<Vec<_>>()[..]
            )
        );
        assert!(config.exclude.is_empty() && config.rules.only.is_empty());
    }

    #[test]
    fn unknown_key_is_an_error_at_its_line() {
        let text = "fail-on: low\nrules:\n  skip: [CG-AWS-001]\nfail_on: high\n";
        let error = Config::parse(Path::new("c.yaml"), text).expect_err("unknown key");
        match error {
            ConfigError::Invalid { at, message, .. } => {
                assert_eq!(at.map(|(line, _)| line), Some(4), "{message}");
                assert!(message.contains("fail_on"), "{message}");
            }
            other => panic!("unexpected {other}"),
        }
        let nested = "rules:\n  ony: [CG-AWS-001]\n";
        match Config::parse(Path::new("c.yaml"), nested) {
            Err(ConfigError::Invalid { at, .. }) => assert_eq!(at.map(|(l, _)| l), Some(2)),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn bad_severity_and_glob_are_errors() {
        assert!(Config::parse(Path::new("c"), "severity:\n  CG-AWS-001: severe\n").is_err());
        let error = Config::parse(Path::new("c"), "exclude:\n  - \"a/[b\"\n").expect_err("glob");
        assert!(error.to_string().contains("c:2:1"), "{error}");
    }

    #[test]
    fn exclude_matches_relative_paths_and_names_at_any_depth() {
        let root = tempfile::tempdir().expect("tempdir");
        let exclude = Exclude::new(
            root.path(),
            &[
                "legacy/**".to_string(),
                "*.test.yaml".to_string(),
                "vendor".to_string(),
            ],
        )
        .expect("globs");
        let at = |p: &str| exclude.matches(&root.path().join(p));
        assert!(at("legacy/main.tf"));
        assert!(at("k8s/app.test.yaml"));
        assert!(at("a/vendor/x.tf"));
        assert!(at("vendor"));
        assert!(!at("main.tf"));
        assert!(!at("k8s/app.yaml"));
        assert!(!at("not-legacy/main.tf"));
        assert!(!Exclude::default().matches(Path::new("x")));
    }
}
