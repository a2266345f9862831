//! Go templates in YAML files (a Helm chart's templates kept outside a
//! chart, helmfile or other tools' templates): found by their text, so they
//! are skipped with a note instead of being reported as broken YAML.
//!
//! `{{` alone does not make a template: a valid manifest can hold Go
//! templates as data, in an annotation, a `PrometheusRule` summary
//! (`summary: "{{ $labels.instance }} is down"`), an Alertmanager template in
//! a ConfigMap, an Argo CD `ApplicationSet`. The rule is YAML's own: a
//! template action is *structural* when its `{{` stands where YAML begins a
//! node (at the start of a line, after `key: `, after `- `, or inside a flow
//! collection after `[`, `{` or `,`). There YAML would read `{` as the start
//! of a flow mapping, and `{{ … }}` is never a mapping a manifest means: it
//! is a template (`name: {{ .Release.Name }}`, `{{- if .Values.x }}`,
//! `{{ include "labels" . | nindent 4 }}`). A `{{` anywhere else is part of
//! a string: inside a quoted scalar, inside a block scalar (`|`, `>`), in a
//! comment, or after the start of a plain scalar
//! (`image: repo/{{ .Values.tag }}` is the string `repo/{{ .Values.tag }}`),
//! and the file is scanned as a manifest.
//!
//! Text, not the parser: templates rarely parse, and where they do a
//! structural `{{` parses as a mapping key, which tells no more. What this
//! misses: a template whose every action sits inside strings parses as a
//! manifest with odd values and is scanned as one (render it to scan what it
//! becomes). What it mistakes: a multi-line plain scalar whose continuation
//! line begins with `{{` is taken for a string only when that line is
//! indented deeper than the line before it, as YAML requires.

/// Byte offset of the first structural template action in `text`, or None
/// when the file holds none.
pub fn first_action(text: &str) -> Option<usize> {
    // Fast path: most YAML has no `{{` at all.
    if !text.contains("{{") {
        return None;
    }
    let mut scanner = Scanner::default();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if let Some(at) = scanner.line(line) {
            return Some(offset + at);
        }
        offset += line.len();
    }
    None
}

/// What the lines before the current one left open.
#[derive(Default)]
struct Scanner {
    /// A block scalar (`key: |`) of a node at this column: its content is
    /// every deeper (or blank) line after it.
    block: Option<usize>,
    /// A plain scalar, the value of a node at this column, that ended a
    /// line: a deeper line after it continues the string.
    plain: Option<usize>,
    /// A quoted scalar that goes on over lines, and its quote.
    quote: Option<u8>,
    /// How deep in flow collections (`[`, `{`) the text is.
    flow: usize,
}

impl Scanner {
    /// Scans one line (with its line break); the offset within it of a
    /// structural `{{`, if it has one.
    fn line(&mut self, line: &str) -> Option<usize> {
        let content = line.trim_end_matches(['\n', '\r']);
        let indent = content.len() - content.trim_start_matches([' ', '\t']).len();
        let blank = content.trim().is_empty();
        if content.starts_with("---") || content.starts_with("...") {
            *self = Scanner::default();
            return None;
        }
        for open in [&mut self.block, &mut self.plain] {
            match *open {
                Some(parent) if blank || indent > parent => return None,
                Some(_) => *open = None,
                None => {}
            }
        }
        let bytes = content.as_bytes();
        // Whether the next character may start a node (a key or a value).
        let mut node_start = self.quote.is_none();
        // Where the node being read began, and the key of this line's last
        // `key: value`: its column is the one continuation lines must pass.
        let mut node_column = indent;
        let mut key_column = None;
        // Whether a plain scalar began on this line and is still open.
        let mut in_plain = false;
        let mut i = 0;
        while i < bytes.len() {
            let c = bytes[i];
            let next = bytes.get(i + 1).copied();
            if let Some(quote) = self.quote {
                // `\"` in a double-quoted scalar, `''` in a single-quoted one.
                let escaped = (c == b'\\' && quote == b'"')
                    || (c == b'\'' && quote == b'\'' && next == Some(b'\''));
                if escaped {
                    i += 1;
                } else if c == quote {
                    self.quote = None;
                }
                i += 1;
                continue;
            }
            let separated = next.is_none_or(|n| n == b' ' || n == b'\t');
            match c {
                b' ' | b'\t' => {}
                b'#' if i == 0 || matches!(bytes[i - 1], b' ' | b'\t') => break,
                b'{' if node_start && next == Some(b'{') => return Some(i),
                b'[' | b'{' if node_start => self.flow += 1,
                b']' | b'}' if self.flow > 0 => {
                    self.flow -= 1;
                    in_plain = false;
                    node_start = false;
                }
                b',' if self.flow > 0 => {
                    in_plain = false;
                    node_start = true;
                }
                b'"' | b'\'' if node_start => {
                    self.quote = Some(c);
                    node_column = i;
                    node_start = false;
                }
                b'|' | b'>' if node_start && block_header(&content[i + 1..]) => {
                    self.block = Some(key_column.unwrap_or(indent));
                    return None;
                }
                // A sequence entry or complex key: a node may still start.
                b'-' | b'?' if node_start && separated => {}
                b':' if separated => {
                    key_column = Some(node_column);
                    in_plain = false;
                    node_start = true;
                }
                _ => {
                    if node_start {
                        node_column = i;
                        in_plain = true;
                    }
                    node_start = false;
                }
            }
            i += 1;
        }
        if in_plain {
            self.plain = Some(key_column.unwrap_or(indent));
        }
        None
    }
}

/// Whether the rest of a line after `|` or `>` is a block scalar header:
/// chomping and indentation indicators, then nothing or a comment.
fn block_header(rest: &str) -> bool {
    let rest = rest.trim_start_matches(['-', '+', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    let rest = rest.trim_start_matches([' ', '\t']);
    rest.is_empty() || rest.starts_with('#')
}

#[cfg(test)]
mod tests {
    use super::first_action;

    /// (line, column) of the first structural action, 1-based.
    fn found(text: &str) -> Option<(usize, usize)> {
        let at = first_action(text)?;
        let before = &text[..at];
        let line = before.matches('\n').count() + 1;
        let column = at - before.rfind('\n').map_or(0, |i| i + 1) + 1;
        Some((line, column))
    }

    #[test]
    fn structural_actions_are_templates() {
        let cases: &[(&str, &str, (usize, usize))] = &[
            (
                "a value",
                "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\n",
                (4, 9),
            ),
            (
                "a control line",
                "apiVersion: v1\nkind: Pod\n{{- if .Values.debug }}\nmetadata: {}\n{{- end }}\n",
                (3, 1),
            ),
            (
                "an indented include after a key with no value",
                "metadata:\n  labels:\n    {{- include \"x.labels\" . | nindent 4 }}\n",
                (3, 5),
            ),
            ("a sequence item", "args:\n  - {{ .Values.arg }}\n", (2, 5)),
            (
                "inside a flow sequence",
                "args: [--port, {{ .Values.port }}]\n",
                (1, 16),
            ),
            (
                "after a quoted value on another line",
                "a: \"{{ quoted }}\"\nb: {{ bare }}\n",
                (2, 4),
            ),
            (
                "after a block scalar ends",
                "data:\n  t: |\n    {{ in the block }}\n  n: {{ .Values.n }}\n",
                (4, 6),
            ),
            (
                "in a later document",
                "kind: A\n---\nname: {{ x }}\n",
                (3, 7),
            ),
            (
                "the next key of a mapping in a sequence, not a continuation",
                "containers:\n  - name: api\n    image: {{ .Values.image }}\n",
                (3, 12),
            ),
            (
                "the next key after a block scalar in a sequence entry",
                "- script: |\n    echo {{ in the block }}\n  other: {{ .Values.y }}\n",
                (3, 10),
            ),
            (
                "a plain value started with an action, then text",
                "summary: {{ $labels.instance }} is down\n",
                (1, 10),
            ),
        ];
        for (what, text, expected) in cases {
            assert_eq!(found(text), Some(*expected), "{what}: {text:?}");
        }
    }

    #[test]
    fn actions_inside_strings_and_comments_are_data() {
        let cases: &[(&str, &str)] = &[
            (
                "a double-quoted annotation",
                "metadata:\n  annotations:\n    summary: \"{{ $labels.instance }} is down\"\n",
            ),
            (
                "a single-quoted value with an escaped quote",
                "name: 'it''s {{ .path.basename }}'\nother: x\n",
            ),
            (
                "a quoted scalar over two lines",
                "summary: \"instance\n  {{ $labels.instance }} down\"\nnext: 1\n",
            ),
            (
                "an Alertmanager template in a ConfigMap",
                "kind: ConfigMap\ndata:\n  slack.tmpl: |\n    {{ define \"slack.title\" }}\n    {{- range .Alerts }}{{ .Labels.alertname }}{{ end }}\n    {{ end }}\n  other: plain\n",
            ),
            (
                "a folded block with chomping",
                "description: >-\n  {{ $value }} errors\n",
            ),
            (
                "the middle of a plain scalar",
                "image: repo/{{ .Values.tag }}\ncommand: echo {{ x }}\n",
            ),
            (
                "a comment",
                "# name: {{ .Release.Name }}\nkind: Pod # {{ not this }}\n",
            ),
            (
                "a plain scalar continued on a deeper line",
                "summary: Instance\n  {{ $labels.instance }} is down\nnext: 1\n",
            ),
            ("no action at all", "kind: Pod\nmetadata: {name: a}\n"),
            ("a flow mapping", "metadata: {name: a, labels: {app: b}}\n"),
        ];
        for (what, text) in cases {
            assert_eq!(found(text), None, "{what}: {text:?}");
        }
    }

    #[test]
    fn any_cut_of_tricky_text_is_scanned_without_panic_and_points_at_braces() {
        let text = "a: \"é\\\"{{ x }}\"\n- 'it''s' # {{ c }}\nb: |+2 # x\n  {{ in }}\r\nc: [ {, \"ü{{\", {{ y }} ]\n";
        for end in (0..=text.len()).filter(|&end| text.is_char_boundary(end)) {
            if let Some(at) = first_action(&text[..end]) {
                assert!(text[at..end].starts_with("{{"), "{:?}", &text[..end]);
            }
        }
        assert!(first_action(text).is_some());
    }
}
