//! Attribute paths: `a.b[0].c`, keys joined by `.`, list indices in
//! brackets, `[*]` for any index. Used for source locations, unknown values,
//! policy reads and value origins alike.

use serde_json::{Map, Value};

/// `a.b[0].c` -> `a.b[0]` -> `a.b` -> `a` -> None.
pub fn parent(path: &str) -> Option<&str> {
    let cut = path.rfind(['.', '['])?;
    Some(&path[..cut])
}

/// Joins a path and a key: `join_key("a[0]", "b") == "a[0].b"`.
pub fn join_key(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_string()
    } else {
        format!("{prefix}.{key}")
    }
}

/// Joins a path and a list index: `join_index("a", 2) == "a[2]"`.
pub fn join_index(prefix: &str, index: usize) -> String {
    format!("{prefix}[{index}]")
}

/// The value at an attribute path such as `a[0].b`.
pub fn value_at<'a>(map: &'a Map<String, Value>, path: &str) -> Option<&'a Value> {
    let mut segments = segments(path).into_iter();
    let first = match segments.next()? {
        PathSegment::Key(key) => map.get(key)?,
        PathSegment::Index(_) => return None,
    };
    segments.try_fold(first, |value, segment| match segment {
        PathSegment::Key(key) => value.get(key),
        PathSegment::Index(i) => value.get(i),
    })
}

#[derive(Debug, PartialEq, Eq)]
pub enum PathSegment<'a> {
    Key(&'a str),
    Index(usize),
}

/// `a.b[0].c` -> [Key(a), Key(b), Index(0), Key(c)]. A malformed index is a key.
pub fn segments(path: &str) -> Vec<PathSegment<'_>> {
    let mut segments = Vec::new();
    for part in path.split('.') {
        let mut rest = part;
        if let Some(open) = rest.find('[') {
            if open > 0 {
                segments.push(PathSegment::Key(&rest[..open]));
            }
            rest = &rest[open..];
            while let Some(stripped) = rest.strip_prefix('[') {
                let Some(close) = stripped.find(']') else {
                    break;
                };
                match stripped[..close].parse() {
                    Ok(i) => segments.push(PathSegment::Index(i)),
                    Err(_) => segments.push(PathSegment::Key(&stripped[..close])),
                }
                rest = &stripped[close + 1..];
            }
        } else if !rest.is_empty() {
            segments.push(PathSegment::Key(rest));
        }
    }
    segments
}

/// Whether an unknown attribute path and a read path (which may contain
/// `[*]`) overlap: one is a prefix of the other.
pub fn overlaps(unknown: &str, read: &str) -> bool {
    let unknown = segments(unknown);
    let read = segments(read);
    unknown.iter().zip(read.iter()).all(|pair| match pair {
        (PathSegment::Index(_), PathSegment::Key("*")) => true,
        (a, b) => a == b,
    })
}

/// Whether `prefix` is `path` or one of its ancestors.
pub fn is_prefix(prefix: &str, path: &str) -> bool {
    let (prefix, path) = (segments(prefix), segments(path));
    prefix.len() <= path.len() && prefix.iter().zip(&path).all(|(a, b)| a == b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parents_walk_up_keys_and_indices() {
        assert_eq!(parent("a.b[0].c"), Some("a.b[0]"));
        assert_eq!(parent("a.b[0]"), Some("a.b"));
        assert_eq!(parent("a.b"), Some("a"));
        assert_eq!(parent("a"), None);
    }

    #[test]
    fn segments_parse_keys_and_indices() {
        use PathSegment::*;
        assert_eq!(
            segments("a.b[0].c"),
            vec![Key("a"), Key("b"), Index(0), Key("c")]
        );
        assert_eq!(segments("a[1][2]"), vec![Key("a"), Index(1), Index(2)]);
    }

    #[test]
    fn overlap_is_prefix_either_way_with_wildcards() {
        assert!(overlaps("a.b", "a.b.c"));
        assert!(overlaps("a.b.c", "a.b"));
        assert!(overlaps("ingress[2].cidr_blocks", "ingress[*].cidr_blocks"));
        assert!(!overlaps("a.c", "a.b"));
        assert!(!overlaps("ingress[0].x", "ingress[*].y"));
    }
}
