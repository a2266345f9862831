//! Attribute paths: `a.b[0].c`, keys joined by `.`, list indices in
//! brackets, `[*]` for any index. Used for source locations, unknown values,
//! policy reads and value origins alike.

use serde_json::{Map, Value};

/// `a.b[0].c` -> `a.b[0]` -> `a.b` -> `a` -> None.
pub fn parent(path: &str) -> Option<&str> {
    let mut cut = None;
    let mut in_quotes = false;
    for (i, c) in path.char_indices() {
        match c {
            '"' => in_quotes = !in_quotes,
            '.' | '[' if !in_quotes => cut = Some(i),
            _ => {}
        }
    }
    Some(&path[..cut?])
}

/// Joins a path and a key: `join_key("a[0]", "b") == "a[0].b"`. A key that
/// a path could not spell as `.key` (a Kubernetes label such as
/// `app.kubernetes.io/name`) is written `["app.kubernetes.io/name"]`.
pub fn join_key(prefix: &str, key: &str) -> String {
    let plain = !key.is_empty() && !key.contains(['.', '[', ']', '"']);
    match (prefix.is_empty(), plain) {
        (true, true) => key.to_string(),
        (false, true) => format!("{prefix}.{key}"),
        (_, false) => format!("{prefix}[\"{key}\"]"),
    }
}

/// Joins a path and a path below it: `join_path("a[0]", "b.c") == "a[0].b.c"`.
pub fn join_path(prefix: &str, path: &str) -> String {
    if prefix.is_empty() {
        path.to_string()
    } else if path.is_empty() || path.starts_with('[') {
        format!("{prefix}{path}")
    } else {
        format!("{prefix}.{path}")
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

/// The value at an attribute path, to change it.
pub fn value_at_mut<'a>(map: &'a mut Map<String, Value>, path: &str) -> Option<&'a mut Value> {
    let mut segments = segments(path).into_iter();
    let first = match segments.next()? {
        PathSegment::Key(key) => map.get_mut(key)?,
        PathSegment::Index(_) => return None,
    };
    segments.try_fold(first, |value, segment| match segment {
        PathSegment::Key(key) => value.get_mut(key),
        PathSegment::Index(i) => value.get_mut(i),
    })
}

/// The values at a path that may contain `[*]` (every element of a list),
/// each with its own path: `containers[*].env` gives `containers[0].env`,
/// `containers[1].env`, ... for the containers that have one. A `[*]` over
/// something that is not a list matches nothing.
pub fn values_matching<'a>(map: &'a Map<String, Value>, pattern: &str) -> Vec<(String, &'a Value)> {
    let mut segments = segments(pattern).into_iter();
    let mut found: Vec<(String, &Value)> = match segments.next() {
        Some(PathSegment::Key(key)) => map
            .get(key)
            .map(|value| (join_key("", key), value))
            .into_iter()
            .collect(),
        _ => return Vec::new(),
    };
    for segment in segments {
        found = found
            .into_iter()
            .flat_map(|(path, value)| -> Vec<(String, &Value)> {
                match (&segment, value) {
                    (PathSegment::Key("*"), Value::Array(elements)) => elements
                        .iter()
                        .enumerate()
                        .map(|(i, element)| (join_index(&path, i), element))
                        .collect(),
                    (PathSegment::Key(key), Value::Object(map)) => map
                        .get(*key)
                        .map(|v| (join_key(&path, key), v))
                        .into_iter()
                        .collect(),
                    (PathSegment::Index(i), Value::Array(elements)) => elements
                        .get(*i)
                        .map(|v| (join_index(&path, *i), v))
                        .into_iter()
                        .collect(),
                    _ => Vec::new(),
                }
            })
            .collect();
    }
    found
}

#[derive(Debug, PartialEq, Eq)]
pub enum PathSegment<'a> {
    Key(&'a str),
    Index(usize),
}

/// `a.b[0].c` -> [Key(a), Key(b), Index(0), Key(c)]; `a["x.y"]` ->
/// [Key(a), Key(x.y)]. A malformed index is a key.
pub fn segments(path: &str) -> Vec<PathSegment<'_>> {
    let mut segments = Vec::new();
    let mut rest = path;
    while !rest.is_empty() {
        if let Some(quoted) = rest.strip_prefix("[\"") {
            let close = quoted.find("\"]").unwrap_or(quoted.len());
            segments.push(PathSegment::Key(&quoted[..close]));
            rest = quoted.get(close + 2..).unwrap_or("");
        } else if let Some(bracketed) = rest.strip_prefix('[') {
            let close = bracketed.find(']').unwrap_or(bracketed.len());
            let inner = &bracketed[..close];
            segments.push(match inner.parse() {
                Ok(i) => PathSegment::Index(i),
                Err(_) => PathSegment::Key(inner),
            });
            rest = bracketed.get(close + 1..).unwrap_or("");
        } else {
            let rest_key = rest.strip_prefix('.').unwrap_or(rest);
            let end = rest_key.find(['.', '[']).unwrap_or(rest_key.len());
            if end > 0 {
                segments.push(PathSegment::Key(&rest_key[..end]));
            }
            rest = &rest_key[end..];
            if end == 0 && rest.starts_with('.') {
                rest = &rest[1..];
            }
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

/// Whether `prefix` is an ancestor of (or the same as) a path that `pattern`
/// matches, a `[*]` of the pattern matching any index.
pub fn is_prefix_of_match(prefix: &str, pattern: &str) -> bool {
    let (prefix, pattern) = (segments(prefix), segments(pattern));
    prefix.len() <= pattern.len()
        && prefix.iter().zip(&pattern).all(|pair| match pair {
            (PathSegment::Index(_), PathSegment::Key("*")) => true,
            (a, b) => a == b,
        })
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
        let labelled = join_key("metadata.labels", "app.kubernetes.io/name");
        assert_eq!(labelled, r#"metadata.labels["app.kubernetes.io/name"]"#);
        assert_eq!(
            segments(&labelled),
            vec![
                Key("metadata"),
                Key("labels"),
                Key("app.kubernetes.io/name")
            ]
        );
        assert_eq!(parent(&labelled), Some("metadata.labels"));
        assert_eq!(
            segments(&join_key(&labelled, "x")),
            vec![
                Key("metadata"),
                Key("labels"),
                Key("app.kubernetes.io/name"),
                Key("x")
            ]
        );
    }

    #[test]
    fn overlap_is_prefix_either_way_with_wildcards() {
        assert!(overlaps("a.b", "a.b.c"));
        assert!(overlaps("a.b.c", "a.b"));
        assert!(overlaps("ingress[2].cidr_blocks", "ingress[*].cidr_blocks"));
        assert!(!overlaps("a.c", "a.b"));
        assert!(!overlaps("ingress[0].x", "ingress[*].y"));
    }

    #[test]
    fn wildcard_patterns_match_every_element() {
        let map = serde_json::json!({
            "containers": [
                {"env": [{"name": "A"}]},
                {"name": "no-env"},
                {"env": [{"name": "B"}, {"name": "C"}]},
            ],
        });
        let map = map.as_object().unwrap();
        let found: Vec<String> = values_matching(map, "containers[*].env")
            .into_iter()
            .map(|(path, _)| path)
            .collect();
        assert_eq!(found, vec!["containers[0].env", "containers[2].env"]);
        assert_eq!(values_matching(map, "containers[2].env[1].name")[0].1, "C");
        assert!(values_matching(map, "containers.env").is_empty());
        assert!(is_prefix_of_match("containers[1]", "containers[*].env"));
        assert!(is_prefix_of_match("containers", "containers[*].env"));
        assert!(!is_prefix_of_match(
            "containers[1].env[0]",
            "containers[*].env"
        ));
        assert!(!is_prefix_of_match("volumes", "containers[*].env"));
    }
}
