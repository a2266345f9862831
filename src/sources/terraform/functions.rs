//! Terraform's built-in functions, over values with unknowns. A function
//! whose result depends on an unknown argument returns unknown; a function
//! not implemented here, or called with arguments it cannot take, returns
//! unknown too: never an error, never a guess.

use super::eval::{number, Eval, UNKNOWN_MARK};
use base64::Engine as _;
use serde_json::Value;
use std::collections::BTreeMap;

/// Calls the function `name`. `try` and `can` are handled by the evaluator
/// (they need their arguments unevaluated).
pub fn call(name: &str, mut args: Vec<Eval>) -> Eval {
    match name {
        // Collections: defined for lists with unknown elements.
        "concat" => concat(args),
        "length" => match args.as_slice() {
            [Eval::List(items)] => number(items.len() as f64),
            [Eval::Object(fields)] => number(fields.len() as f64),
            [Eval::String(s)] => number(s.chars().count() as f64),
            _ => Eval::Unknown,
        },
        "element" => match args.as_slice() {
            [Eval::List(items), index] if !items.is_empty() => index
                .as_f64()
                .filter(|i| *i >= 0.0)
                .map_or(Eval::Unknown, |i| items[i as usize % items.len()].clone()),
            _ => Eval::Unknown,
        },
        "keys" => match args.as_slice() {
            [Eval::Object(fields)] => {
                Eval::List(fields.keys().map(|k| Eval::String(k.clone())).collect())
            }
            _ => Eval::Unknown,
        },
        "values" => match args.as_slice() {
            [Eval::Object(fields)] => Eval::List(fields.values().cloned().collect()),
            _ => Eval::Unknown,
        },
        "lookup" => match args.as_slice() {
            [Eval::Object(fields), key, rest @ ..] if rest.len() <= 1 => {
                match key.to_template_string() {
                    Some(key) => fields
                        .get(&key)
                        .cloned()
                        .or_else(|| rest.first().cloned())
                        .unwrap_or(Eval::Unknown),
                    None => Eval::Unknown,
                }
            }
            _ => Eval::Unknown,
        },
        "merge" => {
            let mut merged = BTreeMap::new();
            for arg in args {
                match arg {
                    Eval::Object(fields) => merged.extend(fields),
                    Eval::Null => {}
                    _ => return Eval::Unknown,
                }
            }
            Eval::Object(merged)
        }
        "zipmap" => match args.as_slice() {
            [Eval::List(keys), Eval::List(values)] if keys.len() == values.len() => keys
                .iter()
                .zip(values)
                .map(|(k, v)| Some((k.to_template_string()?, v.clone())))
                .collect::<Option<BTreeMap<_, _>>>()
                .map_or(Eval::Unknown, Eval::Object),
            _ => Eval::Unknown,
        },
        "flatten" => match args.as_slice() {
            [Eval::List(items)] => flatten(items).map_or(Eval::Unknown, Eval::List),
            _ => Eval::Unknown,
        },
        "tolist" | "toset" => match args.as_slice() {
            // One element is one element, known or not.
            [Eval::List(items)] if name == "toset" && items.len() <= 1 => Eval::List(items.clone()),
            [Eval::List(items)] if name == "toset" => known(&args[0], || distinct(items)),
            [Eval::List(items)] => Eval::List(items.clone()),
            _ => Eval::Unknown,
        },
        "tomap" => match args.as_slice() {
            [Eval::Object(fields)] => Eval::Object(fields.clone()),
            _ => Eval::Unknown,
        },
        "range" => range(&args),
        // A partly unknown value encodes to a JSON text of known shape, and
        // decodes back to it.
        "jsonencode" if matches!(args.as_slice(), [v @ (Eval::List(_) | Eval::Object(_))] if !v.is_known()) => {
            Eval::JsonText(Box::new(args[0].clone()))
        }
        // One JSON text joined with nothing, or taken out of its list
        // (`join("", data.x.y.*.json)`, `one(data.x.y[*].json)`), is itself.
        "join" if matches!(args.as_slice(), [Eval::String(_), Eval::List(items)] if matches!(items.as_slice(), [Eval::JsonText(_)])) => {
            match args.pop() {
                Some(Eval::List(mut items)) => items.pop().unwrap_or_default(),
                _ => Eval::Unknown,
            }
        }
        "one" if matches!(args.as_slice(), [Eval::List(items)] if items.len() == 1) => {
            match args.pop() {
                Some(Eval::List(mut items)) => items.pop().unwrap_or_default(),
                _ => Eval::Unknown,
            }
        }
        // Unknown strings under plain `%s`/`%v` verbs: the known parts of
        // the result are known (`format("/%s/%s_arn", var.env, "db")`).
        "format"
            if matches!(args.first(), Some(Eval::String(spec)) if !has_format_flags(spec))
                && args[1..].iter().any(|a| !a.is_known())
                && args[1..]
                    .iter()
                    .all(|a| a.is_known() || matches!(a, Eval::Unknown | Eval::PartialText(_))) =>
        {
            let marked: Vec<Eval> = args[1..]
                .iter()
                .map(|arg| match arg {
                    Eval::Unknown => Eval::String(UNKNOWN_MARK.to_string()),
                    Eval::PartialText(text) => Eval::String(text.clone()),
                    known => known.clone(),
                })
                .collect();
            match &args[0] {
                Eval::String(spec) => format(spec, &marked)
                    .filter(|text| text.contains(UNKNOWN_MARK))
                    .map_or(Eval::Unknown, super::eval::partial_text),
                _ => Eval::Unknown,
            }
        }
        "jsondecode" if matches!(args.as_slice(), [Eval::JsonText(_)]) => match args.pop() {
            Some(Eval::JsonText(shape)) => *shape,
            _ => Eval::Unknown,
        },
        // The rest need fully known arguments.
        _ if !args.iter().all(Eval::is_known) => Eval::Unknown,
        _ => known_call(name, &args),
    }
}

/// Whether a format string has a verb with flags, width or precision
/// (`%5s`, `%-3v`): padding an unknown value leaves its length unknown.
fn has_format_flags(spec: &str) -> bool {
    let mut chars = spec.chars();
    while let Some(c) = chars.next() {
        if c == '%' {
            match chars.next() {
                Some('%') => {}
                Some(verb) if verb.is_ascii_alphabetic() => {}
                _ => return true,
            }
        }
    }
    false
}

/// Go's `filepath.Base`, as Terraform's `basename`: the last element,
/// trailing slashes ignored; `.` for an empty path.
fn basename(path: &str) -> String {
    let trimmed = path.trim_end_matches('/');
    if trimmed.is_empty() {
        return if path.is_empty() { "." } else { "/" }.to_string();
    }
    trimmed.rsplit('/').next().unwrap_or(trimmed).to_string()
}

/// Go's `filepath.Dir`, as Terraform's `dirname`: all but the last
/// element, cleaned (`a//b/./c` -> `a/b`); `.` when there is none.
fn dirname(path: &str) -> String {
    let dir = match path.rfind('/') {
        None => return ".".to_string(),
        Some(at) => &path[..at],
    };
    let absolute = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in dir.split('/') {
        match part {
            "" | "." => {}
            ".." if parts.last().is_some_and(|last| *last != "..") => {
                parts.pop();
            }
            ".." if absolute => {}
            part => parts.push(part),
        }
    }
    match (absolute, parts.is_empty()) {
        (true, _) => format!("/{}", parts.join("/")),
        (false, true) => ".".to_string(),
        (false, false) => parts.join("/"),
    }
}

fn known(value: &Eval, f: impl FnOnce() -> Eval) -> Eval {
    if value.is_known() {
        f()
    } else {
        Eval::Unknown
    }
}

fn concat(args: Vec<Eval>) -> Eval {
    let mut out = Vec::new();
    for arg in args {
        match arg {
            Eval::List(items) => out.extend(items),
            _ => return Eval::Unknown,
        }
    }
    Eval::List(out)
}

fn flatten(items: &[Eval]) -> Option<Vec<Eval>> {
    let mut out = Vec::new();
    for item in items {
        match item {
            Eval::List(inner) => out.extend(flatten(inner)?),
            // An unknown element might itself be a list: the result's shape
            // is not known.
            Eval::Unknown => return None,
            other => out.push(other.clone()),
        }
    }
    Some(out)
}

fn distinct(items: &[Eval]) -> Eval {
    let mut out: Vec<Eval> = Vec::new();
    for item in items {
        if !out.contains(item) {
            out.push(item.clone());
        }
    }
    Eval::List(out)
}

/// `range(limit)`, `range(start, limit)`, `range(start, limit, step)`,
/// capped so a huge range cannot exhaust memory.
fn range(args: &[Eval]) -> Eval {
    const MAX: f64 = 1_000_000.0;
    let nums: Option<Vec<f64>> = args.iter().map(Eval::as_f64).collect();
    let (start, limit, step) = match nums.as_deref() {
        Some([limit]) => (0.0, *limit, 1.0),
        Some([start, limit]) => (*start, *limit, if limit >= start { 1.0 } else { -1.0 }),
        Some([start, limit, step]) => (*start, *limit, *step),
        _ => return Eval::Unknown,
    };
    // Beyond 2^53 adding the step may not change a double: count instead.
    const EXACT: f64 = 9.0e15;
    if step == 0.0 || start.abs() > EXACT || limit.abs() > EXACT {
        return Eval::Unknown;
    }
    let count = ((limit - start) / step).ceil();
    if !(0.0..=MAX).contains(&count) {
        return if count < 0.0 {
            Eval::List(Vec::new())
        } else {
            Eval::Unknown
        };
    }
    Eval::List(
        (0..count as usize)
            .map(|i| number(start + i as f64 * step))
            .collect(),
    )
}

fn strings(items: &[Eval]) -> Option<Vec<String>> {
    items.iter().map(Eval::to_template_string).collect()
}

fn known_call(name: &str, args: &[Eval]) -> Eval {
    known_call_opt(name, args).unwrap_or(Eval::Unknown)
}

fn known_call_opt(name: &str, args: &[Eval]) -> Option<Eval> {
    use Eval::{Bool, List, String as S};
    match (name, args) {
        ("contains", [List(items), value]) => Some(Bool(items.contains(value))),
        ("coalesce", _) => args
            .iter()
            .find(|a| !matches!(a, Eval::Null) && **a != S(String::new()))
            .cloned(),
        ("coalescelist", _) => args
            .iter()
            .find(|a| matches!(a, List(items) if !items.is_empty()))
            .cloned(),
        ("compact", [List(items)]) => Some(List(
            items
                .iter()
                .filter(|i| !matches!(i, Eval::Null) && **i != S(String::new()))
                .cloned()
                .collect(),
        )),
        ("distinct", [List(items)]) => Some(distinct(items)),
        ("join", [S(sep), rest @ ..]) => {
            let mut parts = Vec::new();
            for list in rest {
                match list {
                    List(items) => parts.extend(strings(items)?),
                    _ => return None,
                }
            }
            Some(S(parts.join(sep)))
        }
        ("split", [S(sep), S(text)]) => Some(List(if sep.is_empty() {
            text.chars().map(|c| S(c.to_string())).collect()
        } else {
            text.split(sep.as_str()).map(|p| S(p.to_string())).collect()
        })),
        ("replace", [S(text), S(search), S(replacement)]) => replace(text, search, replacement),
        ("format", [S(spec), rest @ ..]) => format(spec, rest).map(S),
        ("formatlist", [S(spec), rest @ ..]) => formatlist(spec, rest),
        ("lower", [S(s)]) => Some(S(s.to_lowercase())),
        ("upper", [S(s)]) => Some(S(s.to_uppercase())),
        ("trimspace", [S(s)]) => Some(S(s.trim().to_string())),
        ("substr", [S(s), offset, length]) => {
            let chars: Vec<char> = s.chars().collect();
            let (offset, length) = (offset.as_f64()?, length.as_f64()?);
            let start = if offset < 0.0 {
                chars.len() as f64 + offset
            } else {
                offset
            };
            let start = (start.max(0.0) as usize).min(chars.len());
            let end = if length < 0.0 {
                chars.len()
            } else {
                start
                    .saturating_add(length.min(chars.len() as f64) as usize)
                    .min(chars.len())
            };
            Some(S(chars[start..end].iter().collect()))
        }
        ("basename", [S(path)]) => Some(S(basename(path))),
        ("dirname", [S(path)]) => Some(S(dirname(path))),
        // Only `~` depends on the machine.
        ("pathexpand", [S(path)]) if !path.starts_with('~') => Some(S(path.clone())),
        ("tostring", [value]) => value.to_template_string().map(S),
        ("tonumber", [value]) => value.as_f64().map(number),
        ("tobool", [value]) => match super::eval::as_bool(value.clone()) {
            bool @ Bool(_) => Some(bool),
            _ => None,
        },
        ("jsonencode", [value]) => value
            .to_known_json()
            .and_then(|json| serde_json::to_string(&json).ok())
            .map(S),
        ("jsondecode", [S(text)]) => serde_json::from_str::<Value>(text)
            .ok()
            .map(|json| Eval::from_json(&json)),
        ("yamldecode", [S(text)]) => serde_saphyr::from_str::<Value>(text)
            .ok()
            .map(|json| Eval::from_json(&json)),
        ("base64encode", [S(s)]) => Some(S(base64::engine::general_purpose::STANDARD.encode(s))),
        ("base64decode", [S(s)]) => base64::engine::general_purpose::STANDARD
            .decode(s)
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .map(S),
        ("cidrsubnet", [S(prefix), newbits, netnum]) => {
            cidrsubnet(prefix, newbits.as_f64()?, netnum.as_f64()?).map(S)
        }
        ("min" | "max", _) if !args.is_empty() => {
            let nums: Option<Vec<f64>> = args.iter().map(Eval::as_f64).collect();
            let nums = nums?;
            let pick = if name == "min" { f64::min } else { f64::max };
            nums.into_iter().reduce(pick).map(number)
        }
        ("abs", [n]) => n.as_f64().map(|n| number(n.abs())),
        ("ceil", [n]) => n.as_f64().map(|n| number(n.ceil())),
        ("floor", [n]) => n.as_f64().map(|n| number(n.floor())),
        ("startswith", [S(s), S(prefix)]) => Some(Bool(s.starts_with(prefix.as_str()))),
        ("endswith", [S(s), S(suffix)]) => Some(Bool(s.ends_with(suffix.as_str()))),
        ("reverse", [List(items)]) => Some(List(items.iter().rev().cloned().collect())),
        ("sort", [List(items)]) => strings(items).map(|mut s| {
            s.sort();
            List(s.into_iter().map(S).collect())
        }),
        ("slice", [List(items), start, end]) => {
            let (start, end) = (start.as_f64()? as usize, end.as_f64()? as usize);
            (start <= end && end <= items.len()).then(|| List(items[start..end].to_vec()))
        }
        ("setunion", _) => {
            let mut out = Vec::new();
            for arg in args {
                let List(items) = arg else { return None };
                out.extend(items.iter().cloned());
            }
            Some(distinct(&out))
        }
        ("one", [List(items)]) if items.len() <= 1 => {
            Some(items.first().cloned().unwrap_or(Eval::Null))
        }
        ("chomp", [S(s)]) => Some(S(s.trim_end_matches(['\n', '\r']).to_string())),
        ("title", [S(s)]) => Some(S(s
            .split(' ')
            .map(|w| {
                let mut c = w.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect())
                    .unwrap_or_default()
            })
            .collect::<Vec<String>>()
            .join(" "))),
        ("regex", [S(pattern), S(text)]) => regex::Regex::new(pattern)
            .ok()
            .and_then(|re| re.find(text))
            .map(|m| S(m.as_str().to_string())),
        _ => None,
    }
}

/// `replace`: a search string wrapped in `/` is a regular expression.
fn replace(text: &str, search: &str, replacement: &str) -> Option<Eval> {
    if search.len() >= 2 && search.starts_with('/') && search.ends_with('/') {
        let re = regex::Regex::new(&search[1..search.len() - 1]).ok()?;
        // Terraform uses $1 for groups, as the regex crate does.
        Some(Eval::String(re.replace_all(text, replacement).into_owned()))
    } else {
        Some(Eval::String(text.replace(search, replacement)))
    }
}

/// Terraform's `format` verbs: `%s %d %v %q %t %f %.Nf %%`, with `%[n]`
/// argument indices. Anything else gives unknown.
fn format(spec: &str, args: &[Eval]) -> Option<String> {
    let mut out = String::new();
    let mut chars = spec.chars().peekable();
    let mut next_arg = 0;
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        if chars.peek() == Some(&'%') {
            chars.next();
            out.push('%');
            continue;
        }
        let mut flags = String::new();
        while let Some(&c) = chars.peek() {
            if c.is_ascii_alphabetic() {
                break;
            }
            flags.push(c);
            chars.next();
        }
        let verb = chars.next()?;
        if let Some(index) = flags.strip_prefix('[').and_then(|f| f.strip_suffix(']')) {
            next_arg = index.parse::<usize>().ok()?.checked_sub(1)?;
            flags.clear();
        }
        let arg = args.get(next_arg)?;
        next_arg += 1;
        // Width and zero padding (`%5s`, `%03d`); precision only for `%f`.
        // Both are capped: a format string must not allocate without bound.
        const MAX_WIDTH: usize = 1_000;
        let (zero_pad, width) = match flags.as_str() {
            "" => (false, 0),
            f if verb == 'f' && f.starts_with('.') => (false, 0),
            f => {
                let zero = f.starts_with('0');
                (zero, f.parse::<usize>().ok().filter(|w| *w <= MAX_WIDTH)?)
            }
        };
        let text = match verb {
            's' | 'v' => match arg {
                Eval::List(_) | Eval::Object(_) if verb == 'v' => {
                    serde_json::to_string(&arg.to_known_json()?).ok()?
                }
                _ => arg.to_template_string()?,
            },
            'q' => serde_json::to_string(&arg.to_template_string()?).ok()?,
            't' => match arg {
                Eval::Bool(b) => b.to_string(),
                _ => return None,
            },
            'd' => format!("{}", arg.as_f64()?.trunc() as i64),
            'f' => {
                let precision = flags
                    .strip_prefix('.')
                    .map_or(Some(6), |p| p.parse::<usize>().ok())
                    .filter(|p| *p <= MAX_WIDTH)?;
                format!("{:.*}", precision, arg.as_f64()?)
            }
            _ => return None,
        };
        let pad = width.saturating_sub(text.chars().count());
        let fill = if zero_pad { "0" } else { " " };
        match (zero_pad, text.strip_prefix('-')) {
            (true, Some(digits)) => {
                out.push('-');
                out.push_str(&fill.repeat(pad));
                out.push_str(digits);
            }
            _ => {
                out.push_str(&fill.repeat(pad));
                out.push_str(&text);
            }
        }
    }
    Some(out)
}

fn formatlist(spec: &str, args: &[Eval]) -> Option<Eval> {
    let length = args
        .iter()
        .filter_map(|a| match a {
            Eval::List(items) => Some(items.len()),
            _ => None,
        })
        .max()?;
    let mut out = Vec::new();
    for i in 0..length {
        let row: Vec<Eval> = args
            .iter()
            .map(|a| match a {
                Eval::List(items) => items.get(i).cloned().unwrap_or(Eval::Unknown),
                other => other.clone(),
            })
            .collect();
        out.push(Eval::String(format(spec, &row)?));
    }
    Some(Eval::List(out))
}

/// `cidrsubnet("10.0.0.0/16", 8, 2) == "10.0.2.0/24"`, IPv4 and IPv6.
fn cidrsubnet(prefix: &str, newbits: f64, netnum: f64) -> Option<String> {
    let (addr, len) = prefix.split_once('/')?;
    let len: u32 = len.parse().ok()?;
    let (newbits, netnum) = (newbits as u32, netnum as u128);
    let new_len = len.checked_add(newbits)?;
    if let Ok(v4) = addr.parse::<std::net::Ipv4Addr>() {
        if new_len > 32 || netnum >= 1u128 << newbits {
            return None;
        }
        let base = u32::from(v4) & (u32::MAX.checked_shl(32 - len).unwrap_or(0));
        let shift = 32 - new_len;
        let net = base | ((netnum as u32).checked_shl(shift).unwrap_or(0));
        return Some(format!("{}/{new_len}", std::net::Ipv4Addr::from(net)));
    }
    let v6: std::net::Ipv6Addr = addr.parse().ok()?;
    if new_len > 128 || (newbits < 128 && netnum >= 1u128 << newbits) {
        return None;
    }
    let base = u128::from(v6) & (u128::MAX.checked_shl(128 - len).unwrap_or(0));
    let net = base | netnum.checked_shl(128 - new_len).unwrap_or(0);
    Some(format!("{}/{new_len}", std::net::Ipv6Addr::from(net)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> Eval {
        Eval::String(v.into())
    }
    fn list(items: &[Eval]) -> Eval {
        Eval::List(items.to_vec())
    }

    #[test]
    fn collections() {
        assert_eq!(
            call("concat", vec![list(&[s("a")]), list(&[s("b")])]),
            list(&[s("a"), s("b")])
        );
        assert_eq!(
            call("length", vec![list(&[Eval::Unknown, s("b")])]),
            number(2.0)
        );
        assert_eq!(
            call("flatten", vec![list(&[list(&[s("a")]), s("b")])]),
            list(&[s("a"), s("b")])
        );
        assert_eq!(
            call("distinct", vec![list(&[s("a"), s("a")])]),
            list(&[s("a")])
        );
        assert_eq!(
            call("contains", vec![list(&[s("a")]), s("a")]),
            Eval::Bool(true)
        );
        assert_eq!(
            call("range", vec![number(3.0)]),
            list(&[number(0.0), number(1.0), number(2.0)])
        );
        assert_eq!(call("range", vec![number(1e12)]), Eval::Unknown);
        assert_eq!(
            call("range", vec![number(1e17), number(1e17 + 100.0)]),
            Eval::Unknown
        );
        assert_eq!(
            call("range", vec![number(3.0), number(0.0)]),
            list(&[number(3.0), number(2.0), number(1.0)])
        );
        assert_eq!(
            call("substr", vec![s("hello"), number(1.0), number(1e20)]),
            s("ello")
        );
        assert_eq!(
            call("format", vec![s("%999999999999s"), s("x")]),
            Eval::Unknown
        );
        assert_eq!(
            call("format", vec![s("%.99999f"), number(1.0)]),
            Eval::Unknown
        );
    }

    #[test]
    fn strings_and_formatting() {
        assert_eq!(
            call("format", vec![s("%s-%03d"), s("a"), number(7.0)]),
            s("a-007")
        );
        assert_eq!(call("format", vec![s("%#x"), number(7.0)]), Eval::Unknown);
        assert_eq!(
            call("format", vec![s("%s-%d%%"), s("a"), number(7.0)]),
            s("a-7%")
        );
        assert_eq!(call("format", vec![s("%q"), s("x")]), s("\"x\""));
        assert_eq!(
            call("replace", vec![s("a-b-c"), s("-"), s("_")]),
            s("a_b_c")
        );
        assert_eq!(
            call("replace", vec![s("a1b22"), s("/[0-9]+/"), s("#")]),
            s("a#b#")
        );
        assert_eq!(
            call("substr", vec![s("hello"), number(1.0), number(3.0)]),
            s("ell")
        );
        assert_eq!(
            call("join", vec![s(","), list(&[s("a"), s("b")])]),
            s("a,b")
        );
        assert_eq!(
            call("base64decode", vec![call("base64encode", vec![s("hi")])]),
            s("hi")
        );
    }

    #[test]
    fn unknown_arguments_make_unknown_results() {
        assert_eq!(call("upper", vec![Eval::Unknown]), Eval::Unknown);
        assert_eq!(
            call("join", vec![s(","), list(&[Eval::Unknown])]),
            Eval::Unknown
        );
        assert_eq!(call("no_such_function", vec![s("x")]), Eval::Unknown);
    }

    #[test]
    fn cidrsubnet_matches_terraform() {
        assert_eq!(
            cidrsubnet("10.0.0.0/16", 8.0, 2.0).as_deref(),
            Some("10.0.2.0/24")
        );
        assert_eq!(
            cidrsubnet("172.16.0.0/12", 4.0, 15.0).as_deref(),
            Some("172.31.0.0/16")
        );
        assert_eq!(
            cidrsubnet("fd00:fd12:3456:7890::/56", 16.0, 162.0).as_deref(),
            Some("fd00:fd12:3456:7800:a200::/72")
        );
        assert_eq!(cidrsubnet("10.0.0.0/30", 8.0, 0.0), None);
    }

    #[test]
    fn decoders() {
        let decoded = call("yamldecode", vec![s("a: [1, 2]\nb: x\n")]);
        let Eval::Object(fields) = decoded else {
            panic!("not an object")
        };
        assert_eq!(fields["b"], s("x"));
        assert_eq!(call("jsondecode", vec![s("{")]), Eval::Unknown);
    }

    #[test]
    fn paths_split_as_go_splits_them() {
        assert_eq!(call("pathexpand", vec![s("~/x")]), Eval::Unknown);
        for (path, base, dir) in [
            (".", ".", "."),
            ("", ".", "."),
            ("modules/vpc", "vpc", "modules"),
            ("modules/vpc/", "vpc", "modules/vpc"),
            ("/", "/", "/"),
            ("/etc", "etc", "/"),
            ("a//b/./c", "c", "a/b"),
            ("../x/y", "y", "../x"),
        ] {
            assert_eq!(
                call("basename", vec![s(path)]),
                s(base),
                "basename({path:?})"
            );
            assert_eq!(call("dirname", vec![s(path)]), s(dir), "dirname({path:?})");
            assert_eq!(
                call("pathexpand", vec![s(path)]),
                s(path),
                "pathexpand({path:?})"
            );
        }
    }

    #[test]
    fn a_set_of_one_unknown_value_has_one_element() {
        assert_eq!(
            call("toset", vec![list(&[Eval::Unknown])]),
            list(&[Eval::Unknown])
        );
        // Two unknown values may be equal: how many is not known.
        assert_eq!(
            call("toset", vec![list(&[Eval::Unknown, s("a")])]),
            Eval::Unknown
        );
    }
}
