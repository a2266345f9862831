//! Three-valued evaluation of a condition, per sub-expression.
//!
//! cel evaluates a condition over values in which the unknown ones are null.
//! When that result is `false` (or an error) and the condition read an
//! unknown value somewhere, the plain answer would be "unknown" for the
//! whole condition. That hides failures a known part decides: a Lambda with
//! a literal `DB_PASSWORD` beside a variable-driven setting is a finding
//! whatever the variable turns out to be. So such results are decided again
//! here, with Kleene logic: `&&`, `||`, `!`, `?:` and the comprehensions
//! behind `exists` and `all` combine true, false and unknown; every other
//! sub-expression (a leaf) is unknown when it reads an unknown path, and
//! otherwise evaluated by cel with the comprehension variables bound.
//!
//! Paths are written from a root: `resource.ingress[0].cidr_blocks`, or
//! `related[2].attributes.x` for a neighbour in the graph (whose unknown
//! values count too).

use crate::attr_path::{is_prefix, join_index, join_key, overlaps};
use cel::common::ast::{operators, Expr, LiteralValue};
use cel::objects::Key;
use cel::{IdedExpr, Value};
use std::collections::{BTreeMap, BTreeSet};

/// Marks a read of whether a path is set (`has(...)`), not of its value.
const PRESENCE: &str = "?";

/// What a condition is, decided three-valued.
#[derive(Debug, Clone, PartialEq)]
pub enum Decided {
    True,
    False,
    /// Depends on these unknown paths (without their root).
    Unknown(BTreeSet<String>),
}

/// The unknown paths of an evaluation, with their roots.
pub struct Unknowns {
    rooted: Vec<String>,
    /// Partly known strings of the resource, by rooted path.
    partial_text: BTreeMap<String, String>,
}

impl Unknowns {
    /// `resource`: the resource's unknown paths; `related`: those of each
    /// element of `related`, in its order.
    pub fn new<'a>(
        resource: impl IntoIterator<Item = &'a String>,
        related: &[Vec<String>],
    ) -> Unknowns {
        let mut rooted: Vec<String> = resource
            .into_iter()
            .map(|path| format!("resource.{path}"))
            .collect();
        for (i, paths) in related.iter().enumerate() {
            rooted.extend(
                paths
                    .iter()
                    .map(|path| format!("related[{i}].attributes.{path}")),
            );
        }
        Unknowns {
            rooted,
            partial_text: BTreeMap::new(),
        }
    }

    /// The resource's partly known strings (`Resource::partial_text`).
    pub fn with_partial_text(mut self, partial_text: &BTreeMap<String, String>) -> Unknowns {
        self.partial_text = partial_text
            .iter()
            .map(|(path, text)| (format!("resource.{path}"), text.clone()))
            .collect();
        self
    }

    pub fn is_empty(&self) -> bool {
        self.rooted.is_empty()
    }
}

/// A sub-expression's value.
#[derive(Debug, Clone)]
enum Tri {
    Known(Value),
    /// Depends on these rooted unknown paths.
    Unknown(BTreeSet<String>),
    /// cel could not evaluate it (a type the condition does not handle).
    Error,
}

/// A comprehension variable: its value, and the path it stands for when it
/// is an element of a list or map read from the resource.
#[derive(Clone)]
struct Binding {
    name: String,
    value: Tri,
    path: Option<String>,
}

struct Evaluator<'c, 'p, 'v> {
    context: &'c cel::Context<'p, 'v>,
    unknowns: &'c Unknowns,
    /// The rooted path of `item` (`resource.ingress[1]`, or `resource`).
    item: String,
}

/// Decides `expression` three-valued. `context` binds the variables as the
/// plain evaluation does; `item` is the path of the `each` element, if any.
pub fn decide(
    expression: &IdedExpr,
    context: &cel::Context,
    unknowns: &Unknowns,
    item: Option<&str>,
) -> Decided {
    let evaluator = Evaluator {
        context,
        unknowns,
        item: match item {
            Some(path) if !path.is_empty() => format!("resource.{path}"),
            _ => "resource".to_string(),
        },
    };
    match evaluator.eval(expression, &[]) {
        Tri::Known(Value::Bool(true)) => Decided::True,
        Tri::Known(Value::Bool(false)) => Decided::False,
        Tri::Unknown(paths) => Decided::Unknown(
            paths
                .into_iter()
                .map(|p| match p.strip_prefix("resource.") {
                    Some(path) => path.to_string(),
                    None => p,
                })
                .collect(),
        ),
        // An error or a non-boolean: not decided here.
        _ => Decided::Unknown(BTreeSet::new()),
    }
}

impl Evaluator<'_, '_, '_> {
    fn eval(&self, expr: &IdedExpr, env: &[Binding]) -> Tri {
        match &expr.expr {
            Expr::Call(call) if call.target.is_none() => {
                match (call.func_name.as_str(), call.args.as_slice()) {
                    (operators::LOGICAL_AND, [a, b]) => and(self.eval(a, env), self.eval(b, env)),
                    (operators::LOGICAL_OR, [a, b]) => or(self.eval(a, env), self.eval(b, env)),
                    (operators::LOGICAL_NOT, [a]) => match self.eval(a, env) {
                        Tri::Known(Value::Bool(b)) => Tri::Known(Value::Bool(!b)),
                        Tri::Known(_) | Tri::Error => Tri::Error,
                        unknown => unknown,
                    },
                    (operators::NOT_STRICTLY_FALSE, [a]) => match self.eval(a, env) {
                        Tri::Known(Value::Bool(false)) => Tri::Known(Value::Bool(false)),
                        _ => Tri::Known(Value::Bool(true)),
                    },
                    (operators::CONDITIONAL, [condition, then, otherwise]) => {
                        match self.eval(condition, env) {
                            Tri::Known(Value::Bool(true)) => self.eval(then, env),
                            Tri::Known(Value::Bool(false)) => self.eval(otherwise, env),
                            Tri::Unknown(paths) => {
                                match (self.eval(then, env), self.eval(otherwise, env)) {
                                    (Tri::Known(a), Tri::Known(b)) if a == b => Tri::Known(a),
                                    (a, b) => Tri::Unknown(union(paths, [a, b])),
                                }
                            }
                            _ => Tri::Error,
                        }
                    }
                    _ => self.leaf(expr, env),
                }
            }
            Expr::Comprehension(comprehension) => self.comprehension(comprehension, env),
            _ => self.leaf(expr, env),
        }
    }

    fn comprehension(
        &self,
        comprehension: &cel::common::ast::ComprehensionExpr,
        env: &[Binding],
    ) -> Tri {
        let range_path = self.path_of(&comprehension.iter_range, env);
        // The collection itself unknown: which elements there are is not known.
        if let Some(path) = &range_path {
            let whole: BTreeSet<String> = self
                .unknowns
                .rooted
                .iter()
                .filter(|u| is_prefix(u, path))
                .cloned()
                .collect();
            if !whole.is_empty() {
                return Tri::Unknown(whole);
            }
        }
        let range = match range_path {
            Some(_) => self.resolve(&comprehension.iter_range, env),
            None => self.eval(&comprehension.iter_range, env),
        };
        // A list made from a list read from a path (`related.filter(...)`):
        // its elements keep the paths of the ones they are.
        let from_source: Option<(String, Vec<Value>)> = match (&range_path, &range) {
            (None, Tri::Known(Value::List(_))) => self
                .source_of(&comprehension.iter_range, env)
                .and_then(|(source, path)| match self.resolve(source, env) {
                    Tri::Known(Value::List(items)) => Some((path, items.to_vec())),
                    _ => None,
                }),
            _ => None,
        };
        let path_of_element = |i: usize, item: &Value| -> Option<String> {
            match (&range_path, &from_source) {
                (Some(p), _) => Some(join_index(p, i)),
                (None, Some((source, items))) => items
                    .iter()
                    .position(|candidate| candidate == item)
                    .map(|j| join_index(source, j)),
                _ => None,
            }
        };
        // (first variable, second variable, path of the element)
        let elements: Vec<(Value, Option<Value>, Option<String>)> = match range {
            Tri::Known(Value::List(items)) => items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    let path = path_of_element(i, item);
                    match &comprehension.iter_var2 {
                        Some(_) => (Value::Int(i as i64), Some(item.clone()), path),
                        None => (item.clone(), None, path),
                    }
                })
                .collect(),
            Tri::Known(Value::Map(map)) => {
                let mut entries: Vec<(Value, Option<Value>, Option<String>)> = map
                    .map
                    .iter()
                    .map(|(key, value)| {
                        let (key_value, key_path) = match key {
                            Key::String(s) => (Value::String(s.clone()), Some(s.to_string())),
                            Key::Int(i) => (Value::Int(*i), None),
                            Key::Uint(u) => (Value::UInt(*u), None),
                            Key::Bool(b) => (Value::Bool(*b), None),
                        };
                        let path = range_path
                            .as_ref()
                            .zip(key_path)
                            .map(|(p, k)| join_key(p, &k));
                        match &comprehension.iter_var2 {
                            Some(_) => (key_value, Some(value.clone()), path),
                            // One variable over a map: the key; `m[k]` finds
                            // the value's path through it.
                            None => (key_value, None, None),
                        }
                    })
                    .collect();
                entries.sort_by(|a, b| format!("{:?}", a.0).cmp(&format!("{:?}", b.0)));
                entries
            }
            Tri::Unknown(paths) => return Tri::Unknown(paths),
            _ => return Tri::Error,
        };
        let mut accumulator = self.eval(&comprehension.accu_init, env);
        for (first, second, path) in elements {
            let mut inner = env.to_vec();
            match (&comprehension.iter_var2, second) {
                (Some(second_name), Some(second_value)) => {
                    inner.push(Binding {
                        name: comprehension.iter_var.clone(),
                        value: Tri::Known(first),
                        path: None,
                    });
                    inner.push(Binding {
                        name: second_name.clone(),
                        value: Tri::Known(second_value),
                        path,
                    });
                }
                _ => inner.push(Binding {
                    name: comprehension.iter_var.clone(),
                    value: Tri::Known(first),
                    path,
                }),
            }
            inner.push(Binding {
                name: comprehension.accu_var.clone(),
                value: accumulator.clone(),
                path: None,
            });
            if let Tri::Known(Value::Bool(false)) = self.eval(&comprehension.loop_cond, &inner) {
                break;
            }
            accumulator = self.eval(&comprehension.loop_step, &inner);
        }
        let mut inner = env.to_vec();
        inner.push(Binding {
            name: comprehension.accu_var.clone(),
            value: accumulator,
            path: None,
        });
        self.eval(&comprehension.result, &inner)
    }

    /// A sub-expression that is not a logical operator: unknown when it
    /// reads an unknown path or an unknown comprehension variable, else
    /// cel's value.
    fn leaf(&self, expr: &IdedExpr, env: &[Binding]) -> Tri {
        let mut reads = Vec::new();
        let mut unknown_variables = BTreeSet::new();
        self.reads(expr, env, &mut reads, &mut unknown_variables);
        let mut hit: BTreeSet<String> = unknown_variables;
        for read in &reads {
            hit.extend(
                self.unknowns
                    .rooted
                    .iter()
                    .filter(|u| match read.strip_prefix(PRESENCE) {
                        // `has(a.b)` asks whether `a.b` is set: only an
                        // unknown `a.b` (or `a`) leaves that open, and a
                        // partly known string is set.
                        Some(path) => {
                            is_prefix(u, path) && !self.unknowns.partial_text.contains_key(path)
                        }
                        None => overlaps(u, read),
                    })
                    .cloned(),
            );
        }
        if !hit.is_empty() {
            return self
                .partial_string_test(expr, env, &hit)
                .unwrap_or(Tri::Unknown(hit));
        }
        self.resolve(expr, env)
    }

    /// A test of a partly known string (`name.endsWith("_arn")`,
    /// `contains`, `startsWith`, `matches`) that its known parts decide,
    /// when that string is the only unknown value the test reads. A match
    /// inside a known part is a match of the whole string; a known prefix
    /// or suffix decides `startsWith` or `endsWith` either way.
    fn partial_string_test(
        &self,
        expr: &IdedExpr,
        env: &[Binding],
        hit: &BTreeSet<String>,
    ) -> Option<Tri> {
        let Expr::Call(call) = &expr.expr else {
            return None;
        };
        let (subject, argument) = match (&call.target, call.args.as_slice()) {
            (Some(target), [argument]) => (&**target, argument),
            (None, [subject, argument]) if call.func_name == "matches" => (subject, argument),
            _ => return None,
        };
        let path = self.path_of(subject, env)?;
        let text = self.unknowns.partial_text.get(&path)?;
        if hit.iter().any(|unknown| unknown != &path) {
            return None;
        }
        let Tri::Known(Value::String(needle)) = self.eval(argument, env) else {
            return None;
        };
        let parts: Vec<&str> = text.split(crate::model::UNKNOWN_MARK).collect();
        let (first, last) = (parts.first()?, parts.last()?);
        let decided = match call.func_name.as_str() {
            "contains" => parts
                .iter()
                .any(|part| part.contains(needle.as_str()))
                .then_some(true),
            "startsWith" if first.len() >= needle.len() => Some(first.starts_with(needle.as_str())),
            "startsWith" => (!needle.starts_with(first)).then_some(false),
            "endsWith" if last.len() >= needle.len() => Some(last.ends_with(needle.as_str())),
            "endsWith" => (!needle.ends_with(last)).then_some(false),
            "matches" => match_of_known_parts(&needle, &parts),
            _ => None,
        }?;
        Some(Tri::Known(Value::Bool(decided)))
    }

    /// cel's value of `expr`, with the comprehension variables bound.
    fn resolve(&self, expr: &IdedExpr, env: &[Binding]) -> Tri {
        let mut scope = self.context.new_inner_scope();
        for binding in env {
            if let Tri::Known(value) = &binding.value {
                scope.add_variable_from_value(binding.name.clone(), value.clone());
            }
        }
        match Value::resolve(expr, &scope) {
            Ok(value) => Tri::Known(value),
            Err(_) => Tri::Error,
        }
    }

    /// The list a derived list comes from (`related` of
    /// `related.filter(...)`), and its path.
    fn source_of<'e>(&self, expr: &'e IdedExpr, env: &[Binding]) -> Option<(&'e IdedExpr, String)> {
        match &expr.expr {
            Expr::Comprehension(inner) => match self.path_of(&inner.iter_range, env) {
                Some(path) => Some((&inner.iter_range, path)),
                None => self.source_of(&inner.iter_range, env),
            },
            _ => None,
        }
    }

    /// The rooted path `expr` denotes, if it is a chain of selections and
    /// indexes from `resource`, `item`, `related` or a bound element.
    fn path_of(&self, expr: &IdedExpr, env: &[Binding]) -> Option<String> {
        match &expr.expr {
            Expr::Ident(name) => match env.iter().rev().find(|b| &b.name == name) {
                Some(binding) => binding.path.clone(),
                None => match name.as_str() {
                    "resource" => Some("resource".to_string()),
                    "item" => Some(self.item.clone()),
                    "related" => Some("related".to_string()),
                    _ => None,
                },
            },
            Expr::Select(select) => {
                let base = self.path_of(&select.operand, env)?;
                Some(join_key(&base, &select.field))
            }
            Expr::Call(call) if call.func_name == operators::INDEX && call.args.len() == 2 => {
                let base = self.path_of(&call.args[0], env)?;
                let index = match &call.args[1].expr {
                    Expr::Literal(LiteralValue::Int(i)) => Some(Value::Int(*i.inner())),
                    Expr::Literal(LiteralValue::UInt(u)) => Some(Value::UInt(*u.inner())),
                    Expr::Literal(LiteralValue::String(s)) => {
                        Some(Value::String(s.inner().to_string().into()))
                    }
                    Expr::Ident(name) => {
                        env.iter()
                            .rev()
                            .find(|b| &b.name == name)
                            .and_then(|b| match &b.value {
                                Tri::Known(value) => Some(value.clone()),
                                _ => None,
                            })
                    }
                    _ => None,
                };
                Some(match index {
                    Some(Value::Int(i)) if i >= 0 => join_index(&base, i as usize),
                    Some(Value::UInt(u)) => join_index(&base, u as usize),
                    Some(Value::String(key)) => join_key(&base, &key),
                    _ => format!("{base}[*]"),
                })
            }
            _ => None,
        }
    }

    /// Every path `expr` reads, and the unknown comprehension variables it
    /// uses.
    fn reads(
        &self,
        expr: &IdedExpr,
        env: &[Binding],
        out: &mut Vec<String>,
        unknown_variables: &mut BTreeSet<String>,
    ) {
        if let Some(path) = self.path_of(expr, env) {
            // The whole chain is this one read; only its indexes read more.
            match &expr.expr {
                Expr::Select(select) if select.test => out.push(format!("{PRESENCE}{path}")),
                _ => out.push(path),
            }
            self.index_reads(expr, env, out, unknown_variables);
            return;
        }
        match &expr.expr {
            Expr::Ident(name) => {
                if let Some(Binding {
                    value: Tri::Unknown(paths),
                    ..
                }) = env.iter().rev().find(|b| &b.name == name)
                {
                    unknown_variables.extend(paths.iter().cloned());
                }
            }
            Expr::Select(select) => self.reads(&select.operand, env, out, unknown_variables),
            Expr::Call(call) => {
                // Only the shape of a collection read from a path: its size,
                // or a map's keys (`"AWS" in s.Principal`). An unknown
                // element leaves both known; only an unknown collection
                // (or one it is in) does not.
                let shape_of = match (call.func_name.as_str(), &call.target, call.args.as_slice()) {
                    ("size", None, [collection]) => Some((collection, None)),
                    ("size", Some(collection), []) => Some((&**collection, None)),
                    (operators::IN, None, [key, map])
                        if matches!(self.resolve(map, env), Tri::Known(Value::Map(_))) =>
                    {
                        Some((map, Some(key)))
                    }
                    _ => None,
                };
                if let Some((collection, key)) = shape_of {
                    if let Some(path) = self.path_of(collection, env) {
                        out.push(format!("{PRESENCE}{path}"));
                        self.index_reads(collection, env, out, unknown_variables);
                        if let Some(key) = key {
                            self.reads(key, env, out, unknown_variables);
                        }
                        return;
                    }
                }
                if let Some(target) = &call.target {
                    self.reads(target, env, out, unknown_variables);
                }
                for arg in &call.args {
                    self.reads(arg, env, out, unknown_variables);
                }
            }
            Expr::Comprehension(comprehension) => {
                self.reads(&comprehension.iter_range, env, out, unknown_variables);
                // Inside, the variables stand for any element.
                let any = self
                    .path_of(&comprehension.iter_range, env)
                    .map(|p| format!("{p}[*]"));
                let mut inner = env.to_vec();
                for name in [
                    Some(&comprehension.iter_var),
                    comprehension.iter_var2.as_ref(),
                ]
                .into_iter()
                .flatten()
                {
                    inner.push(Binding {
                        name: name.clone(),
                        value: Tri::Known(Value::Null),
                        path: any.clone(),
                    });
                }
                inner.push(Binding {
                    name: comprehension.accu_var.clone(),
                    value: Tri::Known(Value::Null),
                    path: None,
                });
                for part in [
                    &comprehension.accu_init,
                    &comprehension.loop_cond,
                    &comprehension.loop_step,
                    &comprehension.result,
                ] {
                    self.reads(part, &inner, out, unknown_variables);
                }
            }
            Expr::List(list) => {
                for element in &list.elements {
                    // An element put in a list as it is (`filter` builds
                    // `accu + [x]`) passes through: its values are read, and
                    // tracked, where the list is used.
                    if self.path_of(element, env).is_some() {
                        self.index_reads(element, env, out, unknown_variables);
                        continue;
                    }
                    self.reads(element, env, out, unknown_variables);
                }
            }
            Expr::Map(map) => {
                for entry in &map.entries {
                    if let cel::common::ast::EntryExpr::MapEntry(e) = &entry.expr {
                        self.reads(&e.key, env, out, unknown_variables);
                        self.reads(&e.value, env, out, unknown_variables);
                    }
                }
            }
            _ => {}
        }
    }
}

impl Evaluator<'_, '_, '_> {
    /// The reads of the indexes along a path chain (`m[k]` reads `k`).
    fn index_reads(
        &self,
        expr: &IdedExpr,
        env: &[Binding],
        out: &mut Vec<String>,
        unknown_variables: &mut BTreeSet<String>,
    ) {
        match &expr.expr {
            Expr::Select(select) => self.index_reads(&select.operand, env, out, unknown_variables),
            Expr::Call(call) if call.func_name == operators::INDEX && call.args.len() == 2 => {
                self.reads(&call.args[1], env, out, unknown_variables);
                self.index_reads(&call.args[0], env, out, unknown_variables);
            }
            Expr::Ident(name) => {
                if let Some(Binding {
                    value: Tri::Unknown(paths),
                    ..
                }) = env.iter().rev().find(|b| &b.name == name)
                {
                    unknown_variables.extend(paths.iter().cloned());
                }
            }
            _ => {}
        }
    }
}

fn and(a: Tri, b: Tri) -> Tri {
    match (a, b) {
        (Tri::Known(Value::Bool(false)), _) | (_, Tri::Known(Value::Bool(false))) => {
            Tri::Known(Value::Bool(false))
        }
        (Tri::Known(Value::Bool(true)), Tri::Known(Value::Bool(true))) => {
            Tri::Known(Value::Bool(true))
        }
        (Tri::Unknown(x), Tri::Unknown(y)) => Tri::Unknown(x.into_iter().chain(y).collect()),
        (Tri::Unknown(x), Tri::Known(Value::Bool(true)))
        | (Tri::Known(Value::Bool(true)), Tri::Unknown(x)) => Tri::Unknown(x),
        // An error beside an unknown: unknown (the error may come from the
        // unknown value, null in cel's view).
        (Tri::Unknown(x), _) | (_, Tri::Unknown(x)) => Tri::Unknown(x),
        _ => Tri::Error,
    }
}

fn or(a: Tri, b: Tri) -> Tri {
    match (a, b) {
        (Tri::Known(Value::Bool(true)), _) | (_, Tri::Known(Value::Bool(true))) => {
            Tri::Known(Value::Bool(true))
        }
        (Tri::Known(Value::Bool(false)), Tri::Known(Value::Bool(false))) => {
            Tri::Known(Value::Bool(false))
        }
        (Tri::Unknown(x), Tri::Unknown(y)) => Tri::Unknown(x.into_iter().chain(y).collect()),
        (Tri::Unknown(x), _) | (_, Tri::Unknown(x)) => Tri::Unknown(x),
        _ => Tri::Error,
    }
}

fn union(mut paths: BTreeSet<String>, parts: [Tri; 2]) -> BTreeSet<String> {
    for part in parts {
        if let Tri::Unknown(more) = part {
            paths.extend(more);
        }
    }
    paths
}

/// Whether `pattern` matches a string of which only `parts` are known
/// (split where the unknown parts were): `Some` when the known parts decide.
/// A match inside a known part is a match of the whole string, with `^`
/// only in the first part and `$` only in the last. A pattern whose every
/// match ends at the end, no longer than the known last part, is decided by
/// that part alone. Other look-arounds (word boundaries, line anchors) see
/// the unknown neighbours: not decided.
fn match_of_known_parts(pattern: &str, parts: &[&str]) -> Option<bool> {
    use regex_syntax::hir::Look;
    let properties = regex_syntax::parse(pattern).ok()?.properties().clone();
    let looks = properties.look_set();
    if looks
        .iter()
        .any(|look| !matches!(look, Look::Start | Look::End))
    {
        return None;
    }
    let regex = crate::policy::eval::cached_regex(pattern).ok()?;
    let (starts, ends) = (looks.contains(Look::Start), looks.contains(Look::End));
    let last = parts.len().checked_sub(1)?;
    if parts
        .iter()
        .enumerate()
        .any(|(i, part)| (!starts || i == 0) && (!ends || i == last) && regex.is_match(part))
    {
        return Some(true);
    }
    let bounded_at_end = !starts
        && properties.look_set_suffix().contains(Look::End)
        && properties
            .maximum_len()
            .is_some_and(|max| max <= parts[last].len());
    bounded_at_end.then_some(false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;
    use std::sync::Arc;

    fn decide_on(condition: &str, attributes: serde_json::Value, unknown: &[&str]) -> Decided {
        let program = cel::Program::compile(condition).expect("compiles");
        let mut context = cel::Context::default();
        crate::policy::eval::add_functions(&mut context);
        let resource = match crate::policy::eval::to_cel(&attributes) {
            Value::Map(map) => Value::Map(map),
            _ => Value::Map(HashMap::<String, Value>::new().into()),
        };
        context.add_variable_from_value("resource", resource);
        context.add_variable_from_value("related", Value::List(Arc::new(Vec::new())));
        let unknown: Vec<String> = unknown.iter().map(|s| s.to_string()).collect();
        decide(
            program.expression(),
            &context,
            &Unknowns::new(&unknown, &[]),
            None,
        )
    }

    #[test]
    fn a_known_part_decides_and_or() {
        let attrs = serde_json::json!({"a": null, "b": false, "c": true});
        assert_eq!(
            decide_on("resource.a == 1 && resource.b", attrs.clone(), &["a"]),
            Decided::False
        );
        assert_eq!(
            decide_on("resource.a == 1 || resource.c", attrs.clone(), &["a"]),
            Decided::True
        );
        assert_eq!(
            decide_on("resource.a == 1 && resource.c", attrs.clone(), &["a"]),
            Decided::Unknown(["a".to_string()].into())
        );
        assert_eq!(
            decide_on("!(resource.a == 1) || resource.b", attrs, &["a"]),
            Decided::Unknown(["a".to_string()].into())
        );
    }

    #[test]
    fn one_known_failing_element_decides_all_and_exists() {
        let attrs = serde_json::json!({"vars": {"DB_PASSWORD": "hunter2", "REGION": null}});
        let condition = "resource.vars.all(k, resource.vars[k] == null || !k.contains('PASSWORD'))";
        assert_eq!(
            decide_on(condition, attrs.clone(), &["vars.REGION"]),
            Decided::False
        );
        let condition =
            "resource.vars.exists(k, k.contains('PASSWORD') && resource.vars[k] != null)";
        assert_eq!(
            decide_on(condition, attrs.clone(), &["vars.REGION"]),
            Decided::True
        );
        // The unknown element is the one that matters: unknown.
        let condition =
            "resource.vars.all(k, !k.contains('REGION') || resource.vars[k] == 'eu-west-2')";
        assert_eq!(
            decide_on(condition, attrs, &["vars.REGION"]),
            Decided::Unknown(["vars.REGION".to_string()].into())
        );
    }

    #[test]
    fn known_parts_decide_a_match_only_where_the_unknown_cannot_change_it() {
        let parts = ["/", "/slack/api_token"];
        let pointer = r"(?i)[_./-](arn|id|name)$";
        // Inside a known part: a match of the whole.
        assert_eq!(match_of_known_parts("token", &parts), Some(true));
        assert_eq!(match_of_known_parts(r"^/", &parts), Some(true));
        // Anchored at the end, no longer than the known tail: decided.
        assert_eq!(match_of_known_parts(pointer, &parts), Some(false));
        assert_eq!(match_of_known_parts(pointer, &["/", "_db_arn"]), Some(true));
        // The tail too short, an unbounded pattern, a start anchor away from
        // the first part, a word boundary: not decided.
        assert_eq!(match_of_known_parts(pointer, &["/", "n"]), None);
        assert_eq!(match_of_known_parts(r"secret.*$", &parts), None);
        assert_eq!(match_of_known_parts(r"^slack", &parts), None);
        assert_eq!(match_of_known_parts(r"\bapi", &parts), None);
    }

    #[test]
    fn size_and_map_keys_are_known_beside_unknown_elements() {
        let attrs = serde_json::json!({"p": {"AWS": [null]}, "l": [null, "x"]});
        let unknown = &["p.AWS[0]", "l[0]"];
        assert_eq!(
            decide_on("size(resource.p.AWS) == 0", attrs.clone(), unknown),
            Decided::False
        );
        assert_eq!(
            decide_on("resource.l.size() == 2", attrs.clone(), unknown),
            Decided::True
        );
        assert_eq!(
            decide_on(
                "'AWS' in resource.p && !('Service' in resource.p)",
                attrs.clone(),
                unknown
            ),
            Decided::True
        );
        // A list's membership reads its elements: unknown.
        assert_eq!(
            decide_on("'*' in resource.p.AWS", attrs.clone(), unknown),
            Decided::Unknown(["p.AWS[0]".to_string()].into())
        );
        // The collection itself unknown: its size is not known.
        assert_eq!(
            decide_on("size(resource.p.AWS) == 1", attrs, &["p.AWS"]),
            Decided::Unknown(["p.AWS".to_string()].into())
        );
    }

    #[test]
    fn a_list_that_is_itself_unknown_stays_unknown() {
        let attrs = serde_json::json!({"ingress": null});
        assert_eq!(
            decide_on("resource.ingress.all(r, r.port != 22)", attrs, &["ingress"]),
            Decided::Unknown(["ingress".to_string()].into())
        );
        let attrs = serde_json::json!({"ingress": [{"port": 22}, {"port": null}]});
        assert_eq!(
            decide_on(
                "resource.ingress.all(r, r.port != 22)",
                attrs,
                &["ingress[1].port"]
            ),
            Decided::False
        );
    }
}
