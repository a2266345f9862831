//! Parsing Terraform text: the one entry point every caller uses. hcl-edit
//! parses (it keeps the byte spans findings point at), and where it rejects
//! input that HashiCorp's HCL parser (what Terraform runs) accepts, this
//! module rewrites the text and parses again, up to a bound.
//!
//! # Why rewrite the text, and how
//!
//! hcl-edit is a dependency we do not patch or vendor, so the recovery works
//! on its input. Every rewrite keeps the text's byte length and the offset of
//! every byte it does not touch: the spans of the rewritten parse are
//! therefore offsets into the original text, which the callers turn into
//! lines and columns with a `LineIndex` of the original text. Nothing after
//! the parse needs to know a rewrite happened. The alternatives measured
//! worse: wrapping a broken `for` value in parentheses needs two bytes that
//! must be stolen from whitespace that may not exist and moves the value's
//! span; renaming and then re-inserting a key through hcl-edit's API loses its
//! span. Each recovery below says why it keeps HCL's meaning.
//!
//! 1. **Newlines in `for` expressions.** HCL ignores newlines inside
//!    `[for ...]` and `{for ...}` (hclsyntax parses for expressions with
//!    newlines off), but hcl-edit parses an object `for`'s key and value
//!    expressions, and any `for`'s collection, as single-line expressions: an
//!    operator or a conditional's `?`/`:` next to a line break fails. The
//!    recovery replaces, inside the `for` expression around the error, every
//!    newline and comment byte that HCL ignores with a space (not those inside
//!    strings, heredocs, or object constructors nested in it, where newlines
//!    separate items). Same bytes, same meaning.
//! 2. **A key repeated in an object constructor.** HCL keeps the last value
//!    (`{ a = 1, a = 2 }` is `{ a = 2 }`); hcl-edit rejects the object. The
//!    recovery renames the later key to an unused identifier of the same byte
//!    length, parses, then gives the earlier key the later value and removes
//!    the placeholder: the body evaluates as HCL's does, values keep their own
//!    spans, and a warning says which value Terraform ignores.
//!
//! Input HCL rejects keeps its error, with a message saying so where the
//! cause is known (Terraform 0.11 syntax, an argument set twice, a heredoc
//! closing the file without a newline). `tests/hcl_acceptance.rs` checks the
//! two parsers agree on `testdata/terraform/parse/` with HashiCorp's parser
//! itself (npm `@cdktf/hcl2json`).

use hcl::edit::expr::{Expression, Object, ObjectKey};
use hcl::edit::structure::{Body, Structure};
use hcl::edit::visit_mut::{self, VisitMut};
use hcl::edit::{Decorated, Ident, Span};
use std::collections::BTreeMap;
use std::ops::Range;

/// How many rewrites one file may need before we give up and report the
/// error. Each is a full parse; a file needing more is pathological.
const MAX_REWRITES: usize = 100;

/// Why a file could not be parsed, at a byte offset of the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub offset: usize,
    pub message: String,
}

/// Something worth telling about a file that parsed: a warning at a byte
/// range of the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub range: Range<usize>,
    pub message: String,
}

/// Parses a Terraform file as Terraform would: the body (spans are offsets
/// into `text`) and warnings, or the error HCL would also report.
pub fn parse_body(text: &str) -> Result<(Body, Vec<Note>), ParseError> {
    let mut current = text.to_string();
    let mut recovery = Recovery::default();
    for _ in 0..=MAX_REWRITES {
        let error = match hcl::edit::parser::parse_body(&current) {
            Ok(mut body) => {
                let mut notes = recovery.restore_keys(&mut body);
                if let Some(error) = heredoc_at_end_of_file(text, &body) {
                    return Err(error);
                }
                notes.sort_by_key(|note| note.range.start);
                return Ok((body, notes));
            }
            Err(error) => error,
        };
        // hcl-edit clamps an error at the end to the last byte, which may be
        // inside a character.
        let mut offset = error.location().offset().min(current.len());
        while !current.is_char_boundary(offset) {
            offset -= 1;
        }
        let message = error.message().lines().next().unwrap_or("").trim();
        match recovery.rewrite(&current, offset, message) {
            Some(rewritten) => current = rewritten,
            None => return Err(explain(text, offset, message)),
        }
    }
    Err(ParseError {
        offset: 0,
        message: format!("gave up after {MAX_REWRITES} attempts to work around hcl-edit"),
    })
}

/// What the rewrites so far did.
#[derive(Default)]
struct Recovery {
    /// Start offsets of the `for` expressions already flattened.
    flattened: Vec<usize>,
    /// Placeholder identifier -> (the key it replaced, the key's range).
    renamed: BTreeMap<String, (ObjectKey, Range<usize>)>,
}

impl Recovery {
    /// `text` rewritten so that hcl-edit gets past the error at `offset`,
    /// or `None` when no recovery applies.
    fn rewrite(&mut self, text: &str, offset: usize, message: &str) -> Option<String> {
        if message.contains("redefined object key") {
            return self.rename_key(text, offset);
        }
        let scan = Scan::new(text);
        let outermost = scan
            .fors
            .iter()
            .filter(|f| f.start < offset && offset <= f.end)
            .min_by_key(|f| f.start)?;
        if self.flattened.contains(&outermost.start) {
            return None;
        }
        self.flattened.push(outermost.start);
        let ranges: Vec<&Range<usize>> = scan
            .ignorable
            .iter()
            .filter(|(owner, _)| *owner == outermost.start)
            .map(|(_, range)| range)
            .collect();
        if ranges.is_empty() {
            return None;
        }
        Some(blank(text, &ranges))
    }

    /// Renames the object key at `offset` (an identifier or a quoted string)
    /// to an unused identifier of the same byte length.
    fn rename_key(&mut self, text: &str, offset: usize) -> Option<String> {
        let len = key_token_len(text.get(offset..)?)?;
        let token = &text[offset..offset + len];
        let key = match hcl::edit::parser::parse_expr(token).ok()? {
            Expression::Variable(name) => {
                ObjectKey::Ident(Decorated::new(Ident::new(name.value().as_str())))
            }
            expr => ObjectKey::Expression(expr),
        };
        let placeholder = (0..10_000)
            .map(|i| placeholder_name(i, len))
            .find(|name| !self.renamed.contains_key(name) && !contains_word(text, name))?;
        let mut rewritten = String::with_capacity(text.len());
        rewritten.push_str(&text[..offset]);
        rewritten.push_str(&placeholder);
        rewritten.push_str(&text[offset + len..]);
        self.renamed
            .insert(placeholder, (key, offset..offset + len));
        Some(rewritten)
    }

    /// Puts each renamed key's value back under its real key, replacing the
    /// earlier value as HCL does; a warning for each.
    fn restore_keys(&self, body: &mut Body) -> Vec<Note> {
        if self.renamed.is_empty() {
            return Vec::new();
        }
        let mut restore = RestoreKeys {
            renamed: &self.renamed,
            notes: Vec::new(),
        };
        restore.visit_body_mut(body);
        restore.notes
    }
}

struct RestoreKeys<'a> {
    renamed: &'a BTreeMap<String, (ObjectKey, Range<usize>)>,
    notes: Vec<Note>,
}

impl VisitMut for RestoreKeys<'_> {
    fn visit_object_mut(&mut self, object: &mut Object) {
        // In source order, so that of three equal keys the last value wins.
        let placeholders: Vec<ObjectKey> = object
            .iter()
            .filter(|(key, _)| {
                key.as_ident()
                    .is_some_and(|ident| self.renamed.contains_key(ident.as_str()))
            })
            .map(|(key, _)| key.clone())
            .collect();
        for placeholder in placeholders {
            let Some((original, range)) = placeholder
                .as_ident()
                .and_then(|ident| self.renamed.get(ident.as_str()))
            else {
                continue;
            };
            let Some(value) = object.remove(&placeholder) else {
                continue;
            };
            let earlier = object
                .get_key_value(original)
                .and_then(|(key, _)| key.span());
            match object.get_mut(original) {
                Some(slot) => *slot = value,
                None => {
                    object.insert(original.clone(), value);
                }
            }
            let name = key_display(original);
            let message = match earlier {
                Some(_) => format!(
                    "object key {name} is set more than once; Terraform uses this last value and ignores the earlier ones"
                ),
                None => format!("object key {name} is set more than once"),
            };
            self.notes.push(Note {
                range: range.clone(),
                message,
            });
        }
        visit_mut::visit_object_mut(self, object);
    }
}

fn key_display(key: &ObjectKey) -> String {
    match key {
        ObjectKey::Ident(ident) => format!("`{}`", ident.as_str()),
        ObjectKey::Expression(Expression::String(s)) => format!("\"{}\"", s.value()),
        ObjectKey::Expression(_) => "(an expression)".to_string(),
    }
}

/// The byte length of the object key token at the start of `rest`: an
/// identifier, or a quoted string without interpolation.
fn key_token_len(rest: &str) -> Option<usize> {
    let mut chars = rest.char_indices();
    let (_, first) = chars.next()?;
    if first == '"' {
        let mut escaped = false;
        for (i, c) in chars {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => return Some(i + 1),
                '\n' => return None,
                '$' | '%' if rest[i + 1..].starts_with('{') => return None,
                _ => {}
            }
        }
        return None;
    }
    if !(first.is_alphabetic() || first == '_') {
        return None;
    }
    Some(
        rest.char_indices()
            .find(|&(_, c)| !is_ident_char(c))
            .map_or(rest.len(), |(i, _)| i),
    )
}

fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '-'
}

/// The `i`th candidate identifier of `len` bytes: `_`, `a`..`Z` for one
/// byte, `_0`, `_1`, ... (base 36, zero-padded) for more.
fn placeholder_name(i: usize, len: usize) -> String {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    const FIRST: &[u8] = b"_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    if len == 1 {
        return FIRST
            .get(i)
            .map_or_else(String::new, |&b| char::from(b).to_string());
    }
    let mut digits = vec![b'0'; len - 1];
    let mut n = i;
    for slot in digits.iter_mut().rev() {
        *slot = DIGITS[n % 36];
        n /= 36;
    }
    if n > 0 {
        return String::new(); // out of names of this length
    }
    let mut name = String::from("_");
    name.extend(digits.iter().map(|&b| char::from(b)));
    name
}

/// Whether `word` occurs in `text` as a whole identifier.
fn contains_word(text: &str, word: &str) -> bool {
    if word.is_empty() {
        return true; // an empty name is never usable
    }
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(is_ident_char) && !after.is_some_and(is_ident_char)
    })
}

/// `text` with every byte of `ranges` replaced by a space.
fn blank(text: &str, ranges: &[&Range<usize>]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for range in ranges {
        if range.start < at || text.get(range.start..range.end).is_none() {
            continue;
        }
        out.push_str(&text[at..range.start]);
        out.extend(std::iter::repeat_n(' ', range.len()));
        at = range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// A `[for ...]` or `{for ...}` expression: its opening bracket's offset and
/// the offset past its closing one (the end of the text when unclosed).
struct ForExpr {
    start: usize,
    end: usize,
}

/// What a lexical pass over HCL native syntax finds for recovery 1.
struct Scan {
    fors: Vec<ForExpr>,
    /// Newlines and comments HCL ignores, each with the start offset of the
    /// outermost `for` expression holding it.
    ignorable: Vec<(usize, Range<usize>)>,
}

#[derive(Clone, Copy, PartialEq)]
enum Frame {
    /// `(`, `[` or `{`; `for_index` into `Scan::fors` for a `for`'s bracket.
    Bracket {
        object: bool,
        for_index: Option<usize>,
    },
    /// `${ ... }` or `%{ ... }` inside a template.
    Interpolation,
    /// Inside a quoted string.
    Quoted,
}

impl Scan {
    fn new(text: &str) -> Scan {
        let bytes = text.as_bytes();
        let mut scan = Scan {
            fors: Vec::new(),
            ignorable: Vec::new(),
        };
        let mut stack: Vec<Frame> = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if stack.last() == Some(&Frame::Quoted) {
                match b {
                    b'\\' => i += 2,
                    b'"' | b'\n' => {
                        stack.pop();
                        i += usize::from(b == b'"');
                    }
                    b'$' | b'%'
                        if bytes.get(i + 1) == Some(&b) && bytes.get(i + 2) == Some(&b'{') =>
                    {
                        i += 3; // `$${` and `%%{` are literal
                    }
                    b'$' | b'%' if bytes.get(i + 1) == Some(&b'{') => {
                        stack.push(Frame::Interpolation);
                        i += 2;
                    }
                    _ => i += 1,
                }
                continue;
            }
            match b {
                b'"' => {
                    stack.push(Frame::Quoted);
                    i += 1;
                }
                b'#' => i = scan.comment(&stack, i, line_end(bytes, i)),
                b'/' if bytes.get(i + 1) == Some(&b'/') => {
                    i = scan.comment(&stack, i, line_end(bytes, i));
                }
                b'/' if bytes.get(i + 1) == Some(&b'*') => {
                    let end = text[i + 2..]
                        .find("*/")
                        .map_or(bytes.len(), |at| i + 2 + at + 2);
                    i = scan.comment(&stack, i, end);
                }
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                    scan.comment(&stack, i, i + 2);
                    i += 2;
                }
                b'\n' => {
                    scan.comment(&stack, i, i + 1);
                    i += 1;
                }
                b'<' if bytes.get(i + 1) == Some(&b'<') => i = heredoc_end(text, i),
                b'(' | b'[' | b'{' => {
                    let for_index = starts_for(text, i + 1).then(|| {
                        scan.fors.push(ForExpr {
                            start: i,
                            end: bytes.len(),
                        });
                        scan.fors.len() - 1
                    });
                    stack.push(Frame::Bracket {
                        object: b == b'{' && for_index.is_none(),
                        for_index,
                    });
                    i += 1;
                }
                b')' | b']' | b'}' => {
                    if let Some(Frame::Bracket {
                        for_index: Some(index),
                        ..
                    }) = stack.pop()
                    {
                        if let Some(f) = scan.fors.get_mut(index) {
                            f.end = i + 1;
                        }
                    }
                    i += 1;
                }
                _ => i += 1,
            }
        }
        scan
    }

    /// Records `start..end` (a comment or a line break) as ignorable when
    /// HCL ignores it here: the innermost bracket is a `for`, `(` or `[`
    /// inside a `for`. Returns `end`.
    fn comment(&mut self, stack: &[Frame], start: usize, end: usize) -> usize {
        let ignored_here = matches!(stack.last(), Some(Frame::Bracket { object: false, .. }));
        let outermost_for = stack.iter().find_map(|frame| match frame {
            Frame::Bracket {
                for_index: Some(index),
                ..
            } => self.fors.get(*index).map(|f| f.start),
            _ => None,
        });
        if let (true, Some(owner)) = (ignored_here, outermost_for) {
            self.ignorable.push((owner, start..end));
        }
        end
    }
}

/// The offset of the line break ending the line at `i` (or the text's end).
fn line_end(bytes: &[u8], i: usize) -> usize {
    let end = bytes[i..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |at| i + at);
    if end > i && bytes.get(end - 1) == Some(&b'\r') {
        end - 1
    } else {
        end
    }
}

/// Whether the bracket content starting at `at` begins with the `for`
/// keyword (after whitespace and comments).
fn starts_for(text: &str, mut at: usize) -> bool {
    let bytes = text.as_bytes();
    loop {
        match bytes.get(at) {
            Some(b' ' | b'\t' | b'\r' | b'\n') => at += 1,
            Some(b'#') => at = line_end(bytes, at),
            Some(b'/') if bytes.get(at + 1) == Some(&b'/') => at = line_end(bytes, at),
            Some(b'/') if bytes.get(at + 1) == Some(&b'*') => match text[at + 2..].find("*/") {
                Some(end) => at += 2 + end + 2,
                None => return false,
            },
            _ => break,
        }
    }
    text[at..].starts_with("for") && !text[at + 3..].chars().next().is_some_and(is_ident_char)
}

/// Given `<<` at `i`: the offset past the heredoc's closing marker line
/// (its newline included), or past `<<` when no heredoc starts there.
fn heredoc_end(text: &str, i: usize) -> usize {
    let rest = &text[i + 2..];
    let marker_start = usize::from(rest.starts_with('-'));
    let marker_len = rest[marker_start..]
        .char_indices()
        .find(|&(_, c)| !is_ident_char(c))
        .map_or(rest.len() - marker_start, |(at, _)| at);
    let marker = &rest[marker_start..marker_start + marker_len];
    let after = &rest[marker_start + marker_len..];
    let body_start = if after.starts_with('\n') {
        1
    } else if after.starts_with("\r\n") {
        2
    } else {
        return i + 2;
    };
    if marker.is_empty() {
        return i + 2;
    }
    let mut at = i + 2 + marker_start + marker_len + body_start;
    for line in text[at..].split_inclusive('\n') {
        at += line.len();
        if line.trim() == marker {
            return at;
        }
    }
    text.len()
}

/// HCL requires a newline after a heredoc's closing marker; hcl-edit does
/// not. A file ending in one is rejected by Terraform ("Unterminated template
/// string").
fn heredoc_at_end_of_file(text: &str, body: &Body) -> Option<ParseError> {
    if text.ends_with('\n') {
        return None;
    }
    let Some(Structure::Attribute(attr)) = body.iter().last() else {
        return None;
    };
    let Expression::HeredocTemplate(heredoc) = &attr.value else {
        return None;
    };
    let marker = heredoc.delimiter.as_str();
    Some(ParseError {
        offset: text.len(),
        message: format!(
            "the heredoc's closing marker `{marker}` ends the file without a newline; Terraform rejects that too (\"Unterminated template string\"): add a newline"
        ),
    })
}

/// The error for input no recovery applies to; where the cause is known
/// and Terraform rejects it too, the message says so.
fn explain(text: &str, offset: usize, message: &str) -> ParseError {
    let rest = text.get(offset..).unwrap_or("");
    let key_len = key_token_len(rest);
    let message = if message.contains("redefined attribute") {
        let name = key_len.map_or("", |len| &rest[..len]);
        format!(
            "argument `{name}` is set more than once in this block; Terraform rejects that too (an argument may be set only once)"
        )
    } else if rest.starts_with('"')
        && message.contains("invalid block body")
        && key_len.is_some_and(|len| rest[len..].trim_start().starts_with('='))
    {
        let name = key_len.map_or("", |len| &rest[..len]);
        format!(
            "quoted argument name {name}: this is Terraform 0.11 syntax, which Terraform 0.12+ rejects (\"Argument names must not be quoted\"); write the name unquoted, or a map as `name = {{ ... }}`"
        )
    } else if message.contains("invalid block body") && single_line_block(text, offset) {
        format!(
            "{message}; a single-line block may hold only one argument, and Terraform rejects this too (\"Invalid single-argument block definition\")"
        )
    } else if message.contains("expected newline or eof") {
        format!("{message}; Terraform rejects this too (\"An argument definition must end with a newline\")")
    } else {
        message.to_string()
    };
    ParseError { offset, message }
}

/// Whether `offset` follows `{ name = ` on its own line: a second item in
/// a single-line block.
fn single_line_block(text: &str, offset: usize) -> bool {
    let line_start = text[..offset].rfind('\n').map_or(0, |at| at + 1);
    let before = &text[line_start..offset];
    before
        .rfind('{')
        .is_some_and(|brace| before[brace..].contains('='))
}

#[cfg(test)]
mod tests {
    use super::*;
    use hcl::edit::expr::Expression;

    /// The value of `name` in the first `locals` block, as source text of
    /// the original input (its span).
    fn local_span(text: &str, body: &Body, name: &str) -> String {
        let attr = body
            .get_blocks("locals")
            .find_map(|block| block.body.get_attribute(name))
            .expect("local");
        text[attr.value.span().expect("span")].to_string()
    }

    fn object_values(text: &str, body: &Body, name: &str) -> Vec<(String, String)> {
        let attr = body
            .get_blocks("locals")
            .find_map(|block| block.body.get_attribute(name))
            .expect("local");
        let Expression::Object(object) = &attr.value else {
            panic!("not an object: {:?}", attr.value);
        };
        object
            .iter()
            .map(|(key, value)| {
                let key = match key {
                    ObjectKey::Ident(ident) => ident.as_str().to_string(),
                    ObjectKey::Expression(Expression::String(s)) => format!("\"{}\"", s.value()),
                    ObjectKey::Expression(_) => "?".to_string(),
                };
                (key, text[value.expr().span().expect("span")].to_string())
            })
            .collect()
    }

    #[test]
    fn hcl_edit_still_rejects_the_inputs_we_recover() {
        // When hcl-edit fixes these, the recoveries are dead code: remove them.
        for text in [
            "m = { for k in [1] : k => true &&\n  false }\n",
            "x = { a = 1, a = 2 }\n",
        ] {
            assert!(hcl::edit::parser::parse_body(text).is_err(), "{text}");
        }
    }

    #[test]
    fn operator_at_end_of_line_in_object_for() {
        let text = "locals {\n  m = {\n    for k in [\"a\", \"b\"] :\n    k => true &&\n    anytrue([true])\n  }\n  after = 1\n}\n";
        let (body, notes) = parse_body(text).expect("parses");
        assert!(notes.is_empty());
        // Spans are offsets into the original text: the value reads back
        // exactly, and what follows is where it was.
        assert!(local_span(text, &body, "m").starts_with("{\n    for k in"));
        assert_eq!(local_span(text, &body, "after"), "1");
        let Some(Expression::ForExpr(for_expr)) = body
            .get_blocks("locals")
            .find_map(|b| b.body.get_attribute("m"))
            .map(|a| &a.value)
        else {
            panic!("not a for expression");
        };
        let value = for_expr.value_expr.span().expect("span");
        assert_eq!(&text[value], "true &&\n    anytrue([true])");
    }

    #[test]
    fn line_breaks_and_comments_around_operators_and_conditionals_in_for() {
        for text in [
            "m = { for k in [1] : k => true\n  && false }\n",
            "m = { for k in [1] : k => k == 1 ?\n  1 : 2 }\n",
            "m = { for k in [1] : k => k == 1\n  ? 1\n  : 2 }\n",
            "m = { for k in [1] : # keys\n  k => true && # first\n  false }\n",
            "m = { for k in [1] : k => true && /* a\n b */ false }\n",
            "m = [for x in var.a != null ?\n  var.a : [] : x]\n",
            "m = { for k in [1] : k => true &&\r\n  false }\r\n",
        ] {
            let (body, _) = parse_body(text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
            let attr = body.get_attribute("m").expect("m");
            assert_eq!(
                &text[attr.value.span().expect("span")],
                text[4..].trim_end()
            );
        }
    }

    #[test]
    fn newlines_in_objects_inside_for_still_separate_items() {
        // Flattening the object's newlines would make it `{ a = 1 b = 2 }`.
        let text = "m = { for k in [1] : k => {\n    a = 1\n    b = 2\n  } if k &&\n  true }\n";
        let (body, _) = parse_body(text).expect("parses");
        assert!(body.get_attribute("m").is_some());
    }

    #[test]
    fn strings_and_heredocs_in_for_are_left_alone() {
        // The key, split after `?`, needs the recovery.
        let text = "m = { for k in [1] : k == 1 ?\n \"#a\" : \"b\" => <<EOT\n# not a comment ${k}\nEOT\n }\nn = \"#\"\n";
        assert!(hcl::edit::parser::parse_body(text).is_err());
        let (body, _) = parse_body(text).expect("parses");
        let Some(Expression::ForExpr(for_expr)) = body.get_attribute("m").map(|a| &a.value) else {
            panic!("not a for expression");
        };
        let key = for_expr
            .key_expr
            .as_ref()
            .and_then(|k| k.span())
            .expect("key");
        assert_eq!(&text[key], "k == 1 ?\n \"#a\" : \"b\"");
        let Expression::HeredocTemplate(heredoc) = &for_expr.value_expr else {
            panic!("not a heredoc");
        };
        assert_eq!(heredoc.template.to_string(), "# not a comment ${k}\n");
    }

    #[test]
    fn a_broken_for_expression_is_still_an_error_at_its_place() {
        let text = "a = 1\nm = { for k in [1] : k => true &&\n  }\n";
        let error = parse_body(text).expect_err("HCL rejects it too");
        let for_start = text.find("{ for").expect("for");
        assert!(error.offset > for_start, "{error:?}");
        // Newlines separate the items of an object constructor, also inside
        // a `for`: HCL rejects a conditional split there, and so do we.
        let text = "m = { for k in [1] : k => {\n    b = k == 1 ?\n      2 : 3\n  } }\n";
        let error = parse_body(text).expect_err("HCL rejects it too");
        assert_eq!(error.offset, text.find('?').expect("?") + 1, "{error:?}");
    }

    #[test]
    fn repeated_object_key_keeps_the_last_value() {
        let text = "locals {\n  x = { port = 80, protocol = \"HTTP\", port = 81 }\n}\n";
        let (body, notes) = parse_body(text).expect("parses");
        assert_eq!(
            object_values(text, &body, "x"),
            [
                ("port".into(), "81".into()),
                ("protocol".into(), "\"HTTP\"".into())
            ]
        );
        assert_eq!(notes.len(), 1);
        assert_eq!(&text[notes[0].range.clone()], "port");
        assert_eq!(notes[0].range.start, text.rfind("port").expect("port"));
        assert!(notes[0].message.contains("`port`"), "{}", notes[0].message);
    }

    #[test]
    fn a_key_three_times_quoted_and_nested() {
        let text = "locals {\n  x = { \"a\" = 1, b = { c = 1\n c = 2 }, \"a\" = 2, \"a\" = 3 }\n  y = { a = 1, a = 2 }\n}\n";
        let (body, notes) = parse_body(text).expect("parses");
        let x = object_values(text, &body, "x");
        assert_eq!(x[0], ("\"a\"".into(), "3".into()));
        assert_eq!(x[1], ("b".into(), "{ c = 1\n c = 2 }".into()));
        let nested = body
            .get_blocks("locals")
            .find_map(|b| b.body.get_attribute("x"))
            .and_then(|a| match &a.value {
                Expression::Object(o) => o
                    .iter()
                    .find_map(|(k, v)| (k.as_ident()?.as_str() == "b").then_some(v.expr())),
                _ => None,
            });
        let Some(Expression::Object(nested)) = nested else {
            panic!("no nested object");
        };
        assert_eq!(nested.len(), 1);
        assert_eq!(object_values(text, &body, "y"), [("a".into(), "2".into())]);
        assert_eq!(notes.len(), 4);
    }

    #[test]
    fn one_letter_keys_get_one_letter_placeholders() {
        let text = "x = { _ = 0, a = 1, a = 2 }\n";
        let (body, _) = parse_body(text).expect("parses");
        let Some(Expression::Object(object)) = body.get_attribute("x").map(|a| &a.value) else {
            panic!("not an object");
        };
        assert_eq!(object.len(), 2);
        assert!(placeholder_name(0, 1) == "_" && contains_word(text, "_"));
    }

    #[test]
    fn terraform_0_11_quoted_argument_names_are_named_as_such() {
        let text = "resource \"aws_instance\" \"a\" {\n  tags {\n    \"Name\" = \"x\"\n  }\n}\n";
        let error = parse_body(text).expect_err("HCL rejects it");
        assert!(
            error.message.contains("Terraform 0.11 syntax"),
            "{}",
            error.message
        );
        assert_eq!(error.offset, text.find("\"Name\"").expect("Name"));
    }

    #[test]
    fn an_argument_set_twice_is_an_error_terraform_shares() {
        let error =
            parse_body("resource \"a\" \"b\" {\n  ami = 1\n  ami = 2\n}\n").expect_err("rejected");
        assert!(error.message.contains("`ami`") && error.message.contains("Terraform rejects"));
    }

    #[test]
    fn a_second_argument_in_a_single_line_block_is_an_error_terraform_shares() {
        for text in [
            "variable \"x\" { default = 1, type = number }\n",
            "variable \"x\" { default = 1 type = number }\n",
        ] {
            let error = parse_body(text).expect_err("rejected");
            assert!(
                error.message.contains("single-line block"),
                "{}",
                error.message
            );
        }
    }

    #[test]
    fn an_error_at_the_end_after_a_wide_character_is_located() {
        for text in ["a = \"é", "a = { b = 1 é", "m = [for x in [1] : é"] {
            let error = parse_body(text).expect_err("rejected");
            let raw = hcl::edit::parser::parse_body(text).expect_err("rejected");
            assert!(text.is_char_boundary(error.offset), "{error:?}");
            assert!(
                error.offset + 1 >= raw.location().offset(),
                "{text}: {error:?} {raw:?}"
            );
        }
    }

    #[test]
    fn heredoc_closing_the_file_without_newline_is_an_error() {
        assert!(parse_body("a = <<EOT\nx\nEOT").is_err());
        assert!(parse_body("a = <<EOT\nx\nEOT\n").is_ok());
        assert!(parse_body("a = 1").is_ok());
    }
}
