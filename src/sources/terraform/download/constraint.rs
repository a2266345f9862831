//! Version constraints of a module block's `version`, with the semantics
//! of hashicorp/go-version, which Terraform uses for modules: `=`, `!=`,
//! `>`, `>=`, `<`, `<=` and `~>`, comma-separated, all of which must hold.
//!
//! Versions are ordered by the `semver` crate; its own requirement syntax
//! is not used, because its `~` and `^` are not Terraform's `~>`:
//! `~> 1.2` allows `1.9` (only the parts before the last given one are
//! fixed), `~> 1.2.3` allows `1.2.9` but not `1.3.0`. A pre-release is
//! chosen only by a constraint that names a pre-release.

use semver::{BuildMetadata, Prerelease, Version};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Eq,
    Ne,
    Gt,
    Ge,
    Lt,
    Le,
    Pessimistic,
}

/// A version as written: how many numeric parts were given matters to `~>`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Written {
    version: Version,
    parts: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Constraint {
    op: Op,
    written: Written,
}

/// All the constraints of one `version` argument.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Constraints(Vec<Constraint>);

impl Constraints {
    /// `">= 1.2, < 2.0"`; an empty text allows every release.
    pub fn parse(text: &str) -> Result<Constraints, String> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(Constraints::default());
        }
        text.split(',')
            .map(|part| {
                let part = part.trim();
                let (op, rest) = [
                    ("~>", Op::Pessimistic),
                    (">=", Op::Ge),
                    ("<=", Op::Le),
                    ("!=", Op::Ne),
                    ("=", Op::Eq),
                    (">", Op::Gt),
                    ("<", Op::Lt),
                ]
                .into_iter()
                .find_map(|(symbol, op)| part.strip_prefix(symbol).map(|rest| (op, rest)))
                .unwrap_or((Op::Eq, part));
                let written = parse_version(rest.trim())
                    .ok_or_else(|| format!("malformed version constraint {part:?}"))?;
                Ok(Constraint { op, written })
            })
            .collect::<Result<_, _>>()
            .map(Constraints)
    }

    /// Whether `version` meets every constraint.
    pub fn matches(&self, version: &Version) -> bool {
        if self.0.is_empty() {
            return version.pre.is_empty();
        }
        self.0.iter().all(|c| c.matches(version))
    }

    /// The newest of `versions` (as the registry lists them) that matches;
    /// versions that do not parse are passed over.
    pub fn newest<'a>(&self, versions: impl IntoIterator<Item = &'a str>) -> Option<String> {
        versions
            .into_iter()
            .filter_map(|text| Some((parse_version(text)?.version, text)))
            .filter(|(version, _)| self.matches(version))
            .max_by(|(a, _), (b, _)| a.cmp(b))
            .map(|(_, text)| text.to_string())
    }
}

impl Constraint {
    fn matches(&self, v: &Version) -> bool {
        let c = &self.written.version;
        match self.op {
            Op::Eq => same(v, c),
            Op::Ne => !same(v, c),
            Op::Gt => prerelease_check(v, c) && base_cmp(v, c).is_gt(),
            Op::Ge => prerelease_check(v, c) && base_cmp(v, c).is_ge(),
            Op::Lt => prerelease_check(v, c) && base_cmp(v, c).is_lt(),
            Op::Le => prerelease_check(v, c) && base_cmp(v, c).is_le(),
            Op::Pessimistic => {
                if !prerelease_check(v, c) || (!c.pre.is_empty() && v.pre.is_empty()) {
                    return false;
                }
                if base_cmp(v, c).is_lt() {
                    return false;
                }
                let segments = |x: &Version| [x.major, x.minor, x.patch];
                let (vs, cs) = (segments(v), segments(c));
                // The parts before the last one written are fixed.
                let fixed = self.written.parts.saturating_sub(1);
                vs[..fixed] == cs[..fixed]
            }
        }
    }
}

/// Build metadata does not count.
fn base_cmp(a: &Version, b: &Version) -> std::cmp::Ordering {
    a.cmp_precedence(b)
}

fn same(a: &Version, b: &Version) -> bool {
    base_cmp(a, b).is_eq()
}

/// go-version: a constraint without a pre-release never matches a
/// pre-release; one with a pre-release matches pre-releases of the same
/// major.minor.patch only.
fn prerelease_check(v: &Version, c: &Version) -> bool {
    match (v.pre.is_empty(), c.pre.is_empty()) {
        (false, false) => (v.major, v.minor, v.patch) == (c.major, c.minor, c.patch),
        (false, true) => false,
        _ => true,
    }
}

/// `1`, `1.2`, `v1.2.3`, `1.2.3-beta.1+build`: missing parts are zero.
fn parse_version(text: &str) -> Option<Written> {
    let text = text.strip_prefix('v').unwrap_or(text);
    let (text, build) = match text.split_once('+') {
        Some((text, build)) => (text, BuildMetadata::new(build).ok()?),
        None => (text, BuildMetadata::EMPTY),
    };
    let (numbers, pre) = match text.split_once('-') {
        Some((numbers, pre)) => (numbers, Prerelease::new(pre).ok()?),
        None => (text, Prerelease::EMPTY),
    };
    let parts: Vec<u64> = numbers
        .split('.')
        .map(|n| n.parse().ok())
        .collect::<Option<_>>()?;
    if parts.is_empty() || parts.len() > 3 {
        return None;
    }
    let at = |i: usize| parts.get(i).copied().unwrap_or(0);
    Some(Written {
        version: Version {
            major: at(0),
            minor: at(1),
            patch: at(2),
            pre,
            build,
        },
        parts: parts.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allows(constraint: &str, version: &str) -> bool {
        let constraints = Constraints::parse(constraint).unwrap();
        let version = parse_version(version).unwrap().version;
        constraints.matches(&version)
    }

    #[test]
    fn operators_follow_go_version() {
        let table = [
            ("~> 1.2", "1.2.0", true),
            ("~> 1.2", "1.9.5", true),
            ("~> 1.2", "2.0.0", false),
            ("~> 1.2", "1.1.9", false),
            ("~> 1.2.3", "1.2.9", true),
            ("~> 1.2.3", "1.3.0", false),
            ("~> 1.2.3", "1.2.2", false),
            ("~> 1.0", "1.0.0", true),
            ("~> 1.0", "2.0.0", false),
            // go-version fixes nothing for one written part.
            ("~> 1", "3.0.0", true),
            ("~> 1", "0.9.0", false),
            ("= 1.2.0", "1.2.0", true),
            ("1.2.0", "1.2.1", false),
            ("1.2", "1.2.0", true),
            ("!= 1.2.0", "1.2.0", false),
            ("!= 1.2.0", "1.2.1", true),
            (">= 1.2, < 2.0", "1.5.0", true),
            (">= 1.2, < 2.0", "2.0.0", false),
            ("> 1.2.0", "1.2.0", false),
            ("<= 1.2.0", "1.2.0", true),
            ("< 1.2.0", "1.1.9", true),
            ("v1.2.0", "1.2.0", true),
            // Pre-releases only through a constraint that names one.
            (">= 1.0.0", "1.4.0-beta", false),
            ("~> 1.0", "1.4.0-beta", false),
            ("= 1.4.0-beta", "1.4.0-beta", true),
            (">= 1.4.0-alpha", "1.4.0-beta", true),
            (">= 1.4.0-alpha", "1.5.0-beta", false),
            ("", "1.4.0-beta", false),
            ("", "0.0.1", true),
        ];
        for (constraint, version, expected) in table {
            assert_eq!(
                allows(constraint, version),
                expected,
                "{constraint:?} against {version}"
            );
        }
    }

    #[test]
    fn the_newest_match_is_chosen() {
        let versions = ["0.9.0", "1.0.0", "1.3.1", "1.10.0", "1.11.0-rc1", "2.0.0"];
        let pick = |c: &str| Constraints::parse(c).unwrap().newest(versions);
        assert_eq!(pick("~> 1.0").as_deref(), Some("1.10.0"));
        assert_eq!(pick("~> 1.3.0").as_deref(), Some("1.3.1"));
        assert_eq!(pick("").as_deref(), Some("2.0.0"));
        assert_eq!(pick("< 1.0").as_deref(), Some("0.9.0"));
        assert_eq!(pick("> 2.0.0"), None);
    }

    #[test]
    fn malformed_constraints_are_errors() {
        for text in ["~> one", ">= 1.2.3.4", "=> 1.0", "1.0,"] {
            assert!(Constraints::parse(text).is_err(), "{text}");
        }
    }
}
