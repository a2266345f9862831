//! The data every pipeline stage shares: where things are in the source
//! (`Location`), what went wrong with an input (`Diagnostic`), and the
//! canonical `Resource` that loaders produce and policies read.

use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::sync::Arc;

/// A region of a source file, 1-based lines and columns (columns count
/// characters, as SARIF's default `columnKind` unicodeCodePoints does).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Location {
    /// Path as shown to users: relative to the scan's base directory with `/`
    /// separators when the file is below it, otherwise as given. Shared by
    /// every location in the file.
    pub path: Arc<str>,
    // u32, not usize: a scan holds a location per attribute written (1.6
    // million on a 10,000-file tree), and no file copguard reads has 4
    // billion lines (BENCHMARKS.md, fourth round).
    pub start_line: u32,
    pub start_column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

impl Location {
    /// A location covering only the start of a file, for inputs that fail
    /// before any position is known.
    pub fn file_start(path: &Arc<str>) -> Location {
        Location {
            path: Arc::clone(path),
            start_line: 1,
            start_column: 1,
            end_line: 1,
            end_column: 1,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.path, self.start_line, self.start_column)
    }
}

/// Maps byte offsets of one file to line and column.
pub struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, line_starts }
    }

    /// 1-based line and character column of a byte offset (clamped to the text).
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let start = self.line_starts[line];
        let column = self
            .text
            .get(start..offset)
            .map_or(offset - start, |prefix| prefix.chars().count());
        (line + 1, column + 1)
    }

    /// Byte offset of a 1-based line and byte column (as serde_json reports
    /// errors), clamped to the text.
    pub fn offset(&self, line: usize, column: usize) -> usize {
        let start = self
            .line_starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(self.text.len());
        start
            .saturating_add(column.saturating_sub(1))
            .min(self.text.len())
    }

    pub fn location(&self, path: &Arc<str>, range: std::ops::Range<usize>) -> Location {
        let (start_line, start_column) = self.position(range.start);
        let (end_line, end_column) = self.position(range.end.max(range.start));
        let narrow = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Location {
            path: Arc::clone(path),
            start_line: narrow(start_line),
            start_column: narrow(start_column),
            end_line: narrow(end_line),
            end_column: narrow(end_column),
        }
    }
}

/// How bad a diagnostic is. Errors mean part of the input was not scanned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DiagnosticLevel {
    Error,
    Warning,
    Note,
}

/// A problem with an input (not a finding): a file that does not parse, a
/// value that could not be evaluated, a module that was not downloaded.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Diagnostic {
    pub level: DiagnosticLevel,
    pub message: String,
    pub location: Option<Location>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>, location: Option<Location>) -> Self {
        Diagnostic {
            level: DiagnosticLevel::Error,
            message: message.into(),
            location,
        }
    }

    pub fn warning(message: impl Into<String>, location: Option<Location>) -> Self {
        Diagnostic {
            level: DiagnosticLevel::Warning,
            message: message.into(),
            location,
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.level {
            DiagnosticLevel::Error => "error",
            DiagnosticLevel::Warning => "warning",
            DiagnosticLevel::Note => "note",
        };
        match &self.location {
            Some(location) => write!(f, "{location}: {level}: {}", self.message),
            None => write!(f, "{level}: {}", self.message),
        }
    }
}

/// Stands for an unknown part of a string whose other parts are known: a
/// private-use character, valid unescaped inside a JSON string.
pub const UNKNOWN_MARK: char = '\u{E000}';

/// A cloud or cluster resource in canonical form, whichever source it came from.
///
/// Attribute paths (keys of `attribute_locations`, members of `unknown`) are
/// written `a.b[0].c`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Resource {
    /// Stable across runs: `module.net.aws_security_group.ssh`.
    pub address: String,
    /// Canonical type: `aws_s3_bucket`.
    pub resource_type: String,
    /// `aws`, `azure`, `kubernetes`, or the Terraform provider's local name.
    pub provider: String,
    /// Attributes in the canonical shape of the type: nested blocks are lists
    /// of objects; unset attributes are absent; unknown values are `null`
    /// (until normalised, an unknown top-level JSON text may hold its known
    /// shape, for the normaliser to decode as a document).
    pub attributes: Map<String, Value>,
    /// The whole resource (its block, document or object).
    pub location: Location,
    /// Where each attribute and nested block was written.
    pub attribute_locations: BTreeMap<String, Location>,
    /// Attribute paths whose value is not known before apply.
    pub unknown: BTreeSet<String>,
    /// Addresses of other resources referenced, with the attribute path that
    /// references them. Become graph edges.
    pub references: Vec<Reference>,
    /// Addresses of child resources folded into this one.
    pub folded: Vec<String>,
    /// Where each folded child went: (attribute path, child address), as
    /// `("ingress[1]", "aws_security_group_rule.ssh")`, so a finding there
    /// can name the child the reader wrote.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub folded_at: Vec<(String, String)>,
    /// Attribute paths whose value came from input variables, and where
    /// those were set: a finding on such a value names them.
    pub value_origins: BTreeMap<String, Vec<ValueOrigin>>,
    /// Unknown strings of which some parts are known, by attribute path:
    /// the text with each unknown part replaced by `UNKNOWN_MARK`
    /// (`/app/\u{E000}/db_arn`). A condition that a known part decides
    /// (`name.endsWith("_arn")`) is decided.
    #[serde(skip)]
    pub partial_text: BTreeMap<String, String>,
    /// Attribute paths whose value comes from a module that is not loaded
    /// (not downloaded), and which: the cause of their being unknown.
    #[serde(skip)]
    pub unloaded_modules: BTreeMap<String, Vec<String>>,
    /// 1-based index of the YAML document the resource came from, in a
    /// stream of several (Kubernetes manifests).
    pub document: Option<usize>,
    /// Rules the source says not to apply here, and why.
    pub suppressions: Vec<Suppression>,
    /// For a resource read from a live account's snapshot: which account,
    /// region and ARN.
    pub live: Option<LiveOrigin>,
    /// The root module (its directory) or plan a Terraform resource belongs
    /// to. Root modules are separate configurations: two may hold the same
    /// address, and nothing folds, links or relates across them.
    #[serde(skip)]
    pub namespace: Option<Arc<str>>,
}

impl Resource {
    /// Whether references, folds and links may join these two: the same
    /// root module, or a resource that belongs to none (a manifest, a
    /// snapshot).
    pub fn same_namespace(&self, other: &Resource) -> bool {
        namespaces_meet(&self.namespace, &other.namespace)
    }
}

/// [`Resource::same_namespace`] on the namespaces alone (for a resource
/// borrowed mutably beside the other's copied namespace).
pub fn namespaces_meet(a: &Option<Arc<str>>, b: &Option<Arc<str>>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    }
}

/// Where a live resource is: the account, region and ARN a snapshot gives.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct LiveOrigin {
    pub provider: String,
    pub account: String,
    /// The region, or `global` for account-wide resources.
    pub region: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arn: Option<String>,
}

/// An in-source suppression (`copguard.io/ignore` on a Kubernetes object).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Suppression {
    /// Rule ids suppressed.
    pub rules: Vec<String>,
    /// Why, as written.
    pub justification: String,
    /// Where it was written.
    pub location: Location,
}

/// An input variable that set a value, and where it was set.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct ValueOrigin {
    pub variable: String,
    /// `terraform.tfvars:3:1`, `environment variable TF_VAR_x`, `--var x=...`,
    /// `its default at variables.tf:2:3`.
    pub origin: String,
    /// The place in a file, when it was set in one.
    pub location: Option<Location>,
    /// No value was given for it anywhere: it may be anything.
    #[serde(skip)]
    pub unset_input: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Reference {
    /// Attribute path of this resource that holds the reference.
    pub path: String,
    /// Address of the resource referenced (`aws_kms_key.k`).
    pub target: String,
}

impl Resource {
    /// A resource with only its identity and place: no attributes,
    /// references or provenance yet (loaders fill those in).
    pub fn new(
        address: String,
        resource_type: impl Into<String>,
        provider: impl Into<String>,
        location: Location,
    ) -> Resource {
        Resource {
            address,
            resource_type: resource_type.into(),
            provider: provider.into(),
            attributes: Map::new(),
            location,
            attribute_locations: BTreeMap::new(),
            unknown: BTreeSet::new(),
            references: Vec::new(),
            folded: Vec::new(),
            folded_at: Vec::new(),
            value_origins: BTreeMap::new(),
            partial_text: BTreeMap::new(),
            unloaded_modules: BTreeMap::new(),
            document: None,
            suppressions: Vec::new(),
            live: None,
            namespace: None,
        }
    }

    /// The most specific recorded location for `path`, walking up its
    /// parents; `None` if neither the path nor any parent was written.
    pub fn location_of(&self, path: &str) -> Option<&Location> {
        let mut path = path;
        loop {
            if let Some(location) = self.attribute_locations.get(path) {
                return Some(location);
            }
            path = crate::attr_path::parent(path)?;
        }
    }
}

/// Severity of a policy, ordered from most to least severe.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Critical,
    High,
    Medium,
    Low,
}

impl Severity {
    pub const ALL: [Severity; 4] = [
        Severity::Critical,
        Severity::High,
        Severity::Medium,
        Severity::Low,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Critical => "critical",
            Severity::High => "high",
            Severity::Medium => "medium",
            Severity::Low => "low",
        }
    }

    /// GitHub code scanning's `security-severity` score for this level.
    pub fn security_severity(self) -> &'static str {
        match self {
            Severity::Critical => "9.5",
            Severity::High => "8.0",
            Severity::Medium => "5.5",
            Severity::Low => "3.0",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_counts_characters_not_bytes() {
        let text = "ab\né = 1\n";
        let index = LineIndex::new(text);
        assert_eq!(index.position(0), (1, 1));
        assert_eq!(index.position(3), (2, 1));
        // "é" is two bytes: the byte after it is the second character column.
        assert_eq!(index.position(5), (2, 2));
        assert_eq!(index.position(999), (3, 1));
        assert_eq!(index.offset(2, 1), 3);
        assert_eq!(index.offset(99, 5), text.len());
    }
}
