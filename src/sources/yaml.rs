//! YAML with the position of every node, for Kubernetes manifests.
//!
//! serde-saphyr parses; its `Spanned<T>` gives each node's position. A
//! stream is split into documents at `---` lines first (YAML forbids that
//! marker inside any scalar, so the split is exact), and each document is
//! parsed on its own: one broken document never hides the others.

use crate::model::{Diagnostic, LineIndex, Location};
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;
use std::fmt;
use std::ops::Range;
use std::sync::Arc;

/// A YAML node and the byte range it was written at (relative to its
/// document; [`Document::nodes`] makes them absolute).
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: NodeValue,
    pub span: Range<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum NodeValue {
    Null,
    Bool(bool),
    Int(i64),
    UInt(u64),
    Float(f64),
    String(String),
    Seq(Vec<Node>),
    /// Entries in the order written; keys with their own spans.
    Map(Vec<(Key, Node)>),
}

/// A mapping key: always text (a scalar key is read as written).
#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    pub name: String,
    pub span: Range<usize>,
}

/// One document of a YAML stream.
#[derive(Debug, Clone)]
pub struct Document {
    /// 1-based position in the stream.
    pub index: usize,
    /// Byte offset of the document in the stream.
    pub offset: usize,
    pub root: Node,
}

/// Longest document copguard parses; a larger one is reported, not read.
pub const MAX_DOCUMENT_BYTES: usize = 16 * 1024 * 1024;

/// A document that did not parse: the diagnostic, and the document's byte
/// range in the stream.
pub type Broken = (Diagnostic, Range<usize>);

/// Parses every document of `text`. Documents that fail to parse become
/// diagnostics at the position of the problem; empty documents are skipped.
pub fn parse_stream(text: &str, path: &Arc<str>) -> (Vec<Document>, Vec<Broken>) {
    let lines = LineIndex::new(text);
    let mut documents = Vec::new();
    let mut diagnostics = Vec::new();
    for (position, range) in split_documents(text).into_iter().enumerate() {
        let index = position + 1;
        let chunk = &text[range.clone()];
        if is_blank(chunk) {
            continue;
        }
        if chunk.len() > MAX_DOCUMENT_BYTES {
            let diagnostic = Diagnostic::error(
                format!(
                    "YAML document {index} is {} bytes, over the {} MiB copguard reads; it was not scanned",
                    chunk.len(),
                    MAX_DOCUMENT_BYTES / (1024 * 1024)
                ),
                Some(lines.location(path, range.start..range.start)),
            );
            diagnostics.push((diagnostic, range));
            continue;
        }
        match parse_document(chunk) {
            Ok(Some(mut root)) => {
                shift(&mut root, range.start);
                documents.push(Document {
                    index,
                    offset: range.start,
                    root,
                });
            }
            Ok(None) => {}
            Err(error) => {
                let offset = error.offset.map_or(range.start, |o| range.start + o);
                let diagnostic = Diagnostic::error(
                    format!(
                        "YAML document {index} is not valid: {}; the file's other documents are still scanned",
                        error.message
                    ),
                    Some(lines.location(path, offset..offset)),
                );
                diagnostics.push((diagnostic, range));
            }
        }
    }
    (documents, diagnostics)
}

/// A document that failed: what is wrong and where in the document.
#[derive(Debug)]
pub struct ParseError {
    pub message: String,
    pub offset: Option<usize>,
}

/// Parses one document. Duplicate keys are an error (Kubernetes rejects
/// them too); anchors, aliases and merge keys work within serde-saphyr's
/// budget, which caps alias expansion and nesting.
pub fn parse_document(chunk: &str) -> Result<Option<Node>, ParseError> {
    let options = serde_saphyr::options! {
        with_snippet: false,
    };
    match serde_saphyr::from_str_with_options::<Option<Node>>(chunk, options) {
        Ok(node) => Ok(node),
        Err(error) => {
            let offset = error.location().and_then(|l| byte_offset(chunk, &l));
            use serde_saphyr::MessageFormatter;
            let message =
                serde_saphyr::UserMessageFormatter.format_message(error.without_snippet());
            Err(ParseError {
                message: first_line(&message),
                offset,
            })
        }
    }
}

fn first_line(message: &str) -> String {
    let line = message.lines().next().unwrap_or("").trim();
    // The position is in the diagnostic's own location.
    match line.rfind(" at line ") {
        Some(i) => line[..i].to_string(),
        None => line.to_string(),
    }
}

/// Byte offset in `chunk` of a serde-saphyr location (from its byte span
/// when it has one, else from line and character column).
fn byte_offset(chunk: &str, location: &serde_saphyr::Location) -> Option<usize> {
    if let Some(offset) = location.span().byte_offset() {
        return usize::try_from(offset).ok().map(|o| o.min(chunk.len()));
    }
    let line = usize::try_from(location.line()).ok()?;
    let column = usize::try_from(location.column()).ok()?;
    if line == 0 {
        return None;
    }
    let start = chunk
        .split_inclusive('\n')
        .take(line - 1)
        .map(str::len)
        .sum::<usize>();
    let rest = chunk.get(start..)?;
    let within = rest
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(rest.len(), |(i, _)| i);
    Some(start + within)
}

/// Byte ranges of the documents of a stream: split before every line that
/// starts a document (`---`) and after every line that ends one (`...`).
///
/// Comments, blank lines and directives (`%YAML`) before a `---` belong to
/// the document it starts, not to one of their own.
pub fn split_documents(text: &str) -> Vec<Range<usize>> {
    let mut documents = Vec::new();
    let mut start = 0;
    let mut offset = 0;
    // Whether the current chunk has had any content besides a prelude.
    let mut content_seen = false;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if is_marker(content, "---") && content_seen {
            documents.push(start..offset);
            start = offset;
            content_seen = false;
        }
        offset += line.len();
        if is_marker(content, "...") {
            documents.push(start..offset);
            start = offset;
            content_seen = false;
        } else if !is_prelude(content) {
            content_seen = true;
        }
    }
    if start < text.len() || documents.is_empty() {
        documents.push(start..text.len());
    }
    documents
}

/// A line that may come before a document's `---`: blank, a comment, a
/// directive.
fn is_prelude(line: &str) -> bool {
    let trimmed = line.trim();
    trimmed.is_empty() || trimmed.starts_with('#') || line.starts_with('%')
}

fn is_marker(line: &str, marker: &str) -> bool {
    line.strip_prefix(marker)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
}

/// Whether a document has nothing but markers, comments and blank lines.
fn is_blank(chunk: &str) -> bool {
    chunk.lines().all(|line| {
        let line = line.trim();
        line.is_empty()
            || line.starts_with('#')
            || ((line.starts_with("---") || line.starts_with("..."))
                && line[3..].trim_start().starts_with('#'))
            || line == "---"
            || line == "..."
    })
}

/// Makes the spans of `node` absolute in the stream.
fn shift(node: &mut Node, by: usize) {
    node.span = node.span.start + by..node.span.end + by;
    match &mut node.value {
        NodeValue::Seq(items) => items.iter_mut().for_each(|item| shift(item, by)),
        NodeValue::Map(entries) => {
            for (key, value) in entries {
                key.span = key.span.start + by..key.span.end + by;
                shift(value, by);
            }
        }
        _ => {}
    }
}

/// The location of a byte range of the stream.
pub fn location(lines: &LineIndex, path: &Arc<str>, span: &Range<usize>) -> Location {
    lines.location(path, span.clone())
}

fn span_of(location: &serde_saphyr::Location) -> Range<usize> {
    let span = location.span();
    let start = span
        .byte_offset()
        .and_then(|o| usize::try_from(o).ok())
        .unwrap_or(0);
    let len = span
        .byte_len()
        .and_then(|l| usize::try_from(l).ok())
        .unwrap_or(0);
    start..start.saturating_add(len)
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = Spanned::<NodeValue>::deserialize(deserializer)?;
        Ok(Node {
            span: span_of(&spanned.referenced),
            value: spanned.value,
        })
    }
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = Spanned::<KeyText>::deserialize(deserializer)?;
        Ok(Key {
            span: span_of(&spanned.referenced),
            name: spanned.value.0,
        })
    }
}

impl<'de> Deserialize<'de> for NodeValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = NodeValue;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_unit<E>(self) -> Result<NodeValue, E> {
        Ok(NodeValue::Null)
    }
    fn visit_none<E>(self) -> Result<NodeValue, E> {
        Ok(NodeValue::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<NodeValue, D::Error> {
        NodeValue::deserialize(deserializer)
    }
    fn visit_bool<E>(self, v: bool) -> Result<NodeValue, E> {
        Ok(NodeValue::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<NodeValue, E> {
        Ok(NodeValue::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<NodeValue, E> {
        Ok(match i64::try_from(v) {
            Ok(v) => NodeValue::Int(v),
            Err(_) => NodeValue::UInt(v),
        })
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<NodeValue, E> {
        match i64::try_from(v) {
            Ok(v) => Ok(NodeValue::Int(v)),
            Err(_) => Ok(NodeValue::String(v.to_string())),
        }
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<NodeValue, E> {
        match u64::try_from(v) {
            Ok(v) => self.visit_u64(v),
            Err(_) => Ok(NodeValue::String(v.to_string())),
        }
    }
    fn visit_f64<E>(self, v: f64) -> Result<NodeValue, E> {
        Ok(NodeValue::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<NodeValue, E> {
        Ok(NodeValue::String(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<NodeValue, E> {
        Ok(NodeValue::String(v))
    }
    fn visit_bytes<E>(self, v: &[u8]) -> Result<NodeValue, E> {
        Ok(NodeValue::String(String::from_utf8_lossy(v).into_owned()))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<NodeValue, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Node>()? {
            items.push(item);
        }
        Ok(NodeValue::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<NodeValue, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Key>()? {
            let value = map.next_value::<Node>()?;
            entries.push((key, value));
        }
        Ok(NodeValue::Map(entries))
    }
}

/// A scalar mapping key as text; a mapping or sequence as a key is refused.
struct KeyText(String);

impl<'de> Deserialize<'de> for KeyText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(KeyVisitor)
    }
}

struct KeyVisitor;

impl Visitor<'_> for KeyVisitor {
    type Value = KeyText;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a scalar mapping key")
    }
    fn visit_unit<E>(self) -> Result<KeyText, E> {
        Ok(KeyText("null".into()))
    }
    fn visit_none<E>(self) -> Result<KeyText, E> {
        Ok(KeyText("null".into()))
    }
    fn visit_bool<E>(self, v: bool) -> Result<KeyText, E> {
        Ok(KeyText(v.to_string()))
    }
    fn visit_i64<E>(self, v: i64) -> Result<KeyText, E> {
        Ok(KeyText(v.to_string()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<KeyText, E> {
        Ok(KeyText(v.to_string()))
    }
    fn visit_i128<E>(self, v: i128) -> Result<KeyText, E> {
        Ok(KeyText(v.to_string()))
    }
    fn visit_u128<E>(self, v: u128) -> Result<KeyText, E> {
        Ok(KeyText(v.to_string()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<KeyText, E> {
        Ok(KeyText(v.to_string()))
    }
    fn visit_str<E>(self, v: &str) -> Result<KeyText, E> {
        Ok(KeyText(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<KeyText, E> {
        Ok(KeyText(v))
    }
}

/// A typed YAML file that did not deserialise: where (1-based line and
/// column, when known) and what, without the snippet (the location goes in
/// front, as for every copguard diagnostic).
pub fn typed_error(error: &serde_saphyr::Error) -> (Option<(usize, usize)>, String) {
    use serde_saphyr::MessageFormatter;
    let at = error
        .location()
        .map(|l| (l.line() as usize, l.column() as usize));
    let message = serde_saphyr::UserMessageFormatter.format_message(error.without_snippet());
    (at, message.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (Vec<Document>, Vec<Diagnostic>) {
        let (documents, broken) = parse_stream(text, &Arc::from("m.yaml"));
        (documents, broken.into_iter().map(|(d, _)| d).collect())
    }

    fn get<'a>(node: &'a Node, key: &str) -> &'a Node {
        match &node.value {
            NodeValue::Map(entries) => &entries.iter().find(|(k, _)| k.name == key).unwrap().1,
            other => panic!("not a map: {other:?}"),
        }
    }

    #[test]
    fn every_node_has_its_position() {
        let text = "a: 1\nb:\n  c: [x, 'y']\n  d:\n    - e: true\n";
        let (documents, diagnostics) = parse(text);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let root = &documents[0].root;
        let d = get(get(root, "b"), "d");
        let NodeValue::Seq(items) = &d.value else {
            panic!("{d:?}")
        };
        let e = get(&items[0], "e");
        assert_eq!(e.value, NodeValue::Bool(true));
        assert_eq!(&text[e.span.clone()], "true");
        let NodeValue::Map(entries) = &items[0].value else {
            panic!()
        };
        assert_eq!(&text[entries[0].0.span.clone()], "e");
        let NodeValue::Seq(c) = &get(get(root, "b"), "c").value else {
            panic!()
        };
        assert_eq!(&text[c[1].span.clone()], "'y'");
    }

    #[test]
    fn a_broken_document_does_not_hide_the_others() {
        let text = "a: 1\n---\nb: [\n---\nc: 3\n";
        let (documents, diagnostics) = parse(text);
        assert_eq!(documents.len(), 2);
        assert_eq!(documents[1].index, 3);
        let c = get(&documents[1].root, "c");
        assert_eq!(&text[c.span.clone()], "3");
        assert_eq!(diagnostics.len(), 1);
        let location = diagnostics[0].location.as_ref().unwrap();
        assert!(
            location.start_line >= 3 && location.start_line <= 4,
            "{location:?}"
        );
        assert!(diagnostics[0].message.contains("YAML document 2"));
    }

    #[test]
    fn splits_only_at_document_markers() {
        let text = "--- # first\na: 1\n---\n...\n--- \nb: |\n  ---x\n";
        let ranges = split_documents(text);
        let chunks: Vec<&str> = ranges.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(
            chunks,
            ["--- # first\na: 1\n", "---\n...\n", "--- \nb: |\n  ---x\n"]
        );
        let (documents, diagnostics) = parse(text);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(documents.len(), 2);
        assert_eq!(documents[1].index, 3);
    }

    #[test]
    fn duplicate_keys_and_alias_bombs_are_diagnostics() {
        let (documents, diagnostics) = parse("a: 1\na: 2\n");
        assert!(documents.is_empty());
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        assert!(diagnostics[0].message.to_lowercase().contains("duplicate"));

        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for level in 1..12 {
            let prev = (b'a' + level - 1) as char;
            let this = (b'a' + level) as char;
            bomb.push_str(&format!(
                "{this}: &{this} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
            ));
        }
        let (documents, diagnostics) = parse(&bomb);
        assert!(documents.is_empty());
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    }

    #[test]
    fn tabs_and_nonsense_are_diagnostics_not_panics() {
        for text in [
            "a:\n\tb: 1\n",
            "{[}",
            "a: *missing\n",
            "? [a]\n: 1\n",
            "\u{0}\u{1}",
        ] {
            let (documents, diagnostics) = parse(text);
            assert!(
                documents.is_empty() && diagnostics.len() == 1,
                "{text:?}: {documents:?} {diagnostics:?}"
            );
        }
    }
}
