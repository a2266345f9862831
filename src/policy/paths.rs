//! Which attribute paths a CEL condition reads, found once at load time by
//! walking its syntax tree. Evaluation uses them to tell "fails" from
//! "depends on a value not known before apply".
//!
//! `resource.a.b`, `resource.a[0]`, `has(item.c)` read `a.b`, `a[0]`, `c`;
//! inside `resource.ingress.exists(r, r.to_port > 22)` the macro variable
//! stands for every element, so it reads `ingress[*].to_port`.

use cel::common::ast::{Expr, LiteralValue};
use cel::IdedExpr;
use std::collections::HashMap;

/// Paths read from each root variable, `*` standing for any list index.
#[derive(Debug, Default, Clone)]
pub struct Reads {
    pub resource: Vec<String>,
    pub item: Vec<String>,
    /// Identifiers not bound by a macro: must be variables copguard binds.
    pub free_variables: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Root {
    Resource,
    Item,
}

pub fn reads(expr: &IdedExpr) -> Reads {
    let mut walker = Walker::default();
    let env = HashMap::new();
    if let Some(path) = walker.walk(expr, &env) {
        walker.record(path);
    }
    let mut reads = Reads {
        free_variables: walker.free.into_iter().collect(),
        ..Reads::default()
    };
    for (root, path) in walker.paths {
        let list = match root {
            Root::Resource => &mut reads.resource,
            Root::Item => &mut reads.item,
        };
        if !list.contains(&path) {
            list.push(path);
        }
    }
    reads
}

#[derive(Default)]
struct Walker {
    paths: Vec<(Root, String)>,
    free: std::collections::BTreeSet<String>,
}

/// Names bound by macros: to a path when they range over one, else to `None`.
type Env = HashMap<String, Option<(Root, String)>>;

impl Walker {
    fn record(&mut self, path: (Root, String)) {
        self.paths.push(path);
    }

    fn consume(&mut self, expr: &IdedExpr, env: &Env) {
        if let Some(path) = self.walk(expr, env) {
            self.record(path);
        }
    }

    /// Walks `expr`; returns the path it denotes if it is a path expression
    /// (left to the caller to extend or record), recording inner reads.
    fn walk(&mut self, expr: &IdedExpr, env: &Env) -> Option<(Root, String)> {
        match &expr.expr {
            Expr::Ident(name) => match name.as_str() {
                _ if env.contains_key(name) => env.get(name).cloned().flatten(),
                "resource" => Some((Root::Resource, String::new())),
                "item" => Some((Root::Item, String::new())),
                _ => {
                    self.free.insert(name.clone());
                    None
                }
            },
            Expr::Select(select) => {
                let (root, base) = self.walk(&select.operand, env)?;
                Some((root, crate::attr_path::join_key(&base, &select.field)))
            }
            Expr::Call(call) if call.func_name == "_[_]" && call.args.len() == 2 => {
                self.consume(&call.args[1], env);
                let (root, base) = self.walk(&call.args[0], env)?;
                let path = match &call.args[1].expr {
                    Expr::Literal(LiteralValue::Int(i)) => format!("{base}[{}]", i.inner()),
                    Expr::Literal(LiteralValue::UInt(i)) => format!("{base}[{}]", i.inner()),
                    Expr::Literal(LiteralValue::String(key)) => {
                        crate::attr_path::join_key(&base, key.inner())
                    }
                    _ => format!("{base}[*]"),
                };
                Some((root, path))
            }
            Expr::Call(call) => {
                if let Some(target) = &call.target {
                    self.consume(target, env);
                }
                for arg in &call.args {
                    self.consume(arg, env);
                }
                None
            }
            Expr::Comprehension(comp) => {
                let range = self.walk(&comp.iter_range, env);
                let mut inner = env.clone();
                // Bound names shadow outer ones; those not over a path are
                // bound to nothing we track (a literal list, say).
                inner.insert(comp.accu_var.clone(), None);
                inner.insert(comp.iter_var.clone(), None);
                if let Some(v) = &comp.iter_var2 {
                    inner.insert(v.clone(), None);
                }
                if let Some((root, base)) = &range {
                    self.record((*root, base.clone()));
                    match &comp.iter_var2 {
                        // Two-variable form: index/key, then value.
                        Some(value_var) => {
                            inner.insert(value_var.clone(), Some((*root, format!("{base}[*]"))));
                        }
                        None => {
                            inner
                                .insert(comp.iter_var.clone(), Some((*root, format!("{base}[*]"))));
                        }
                    }
                }
                for part in [
                    &comp.accu_init,
                    &comp.loop_cond,
                    &comp.loop_step,
                    &comp.result,
                ] {
                    self.consume(part, &inner);
                }
                None
            }
            Expr::List(list) => {
                for element in &list.elements {
                    self.consume(element, env);
                }
                None
            }
            Expr::Map(map) => {
                for entry in &map.entries {
                    if let cel::common::ast::EntryExpr::MapEntry(e) = &entry.expr {
                        self.consume(&e.key, env);
                        self.consume(&e.value, env);
                    }
                }
                None
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reads_of(source: &str) -> Reads {
        let program = cel::Program::compile(source).expect("test condition compiles");
        reads(program.expression())
    }

    #[test]
    fn member_chains_are_one_read() {
        let r = reads_of("has(resource.a.b) && resource.a.b == 'x' && resource.c[0].d > 1");
        assert!(r.resource.contains(&"a.b".to_string()), "{r:?}");
        assert!(r.resource.contains(&"c[0].d".to_string()), "{r:?}");
        assert!(!r.resource.contains(&"a".to_string()), "{r:?}");
    }

    #[test]
    fn macro_variables_read_every_element() {
        let r = reads_of("resource.ingress.exists(x, x.to_port >= 22)");
        assert!(
            r.resource.contains(&"ingress[*].to_port".to_string()),
            "{r:?}"
        );
        let r = reads_of("item.cidr_blocks.all(c, c != '0.0.0.0/0')");
        assert!(r.item.contains(&"cidr_blocks".to_string()), "{r:?}");
        assert!(r.free_variables.is_empty(), "{r:?}");
    }

    #[test]
    fn free_variables_exclude_macro_bindings() {
        let r = reads_of("[1, 2].all(n, n > limit) && resource.x.exists(y, y == z)");
        assert_eq!(r.free_variables, vec!["limit".to_string(), "z".to_string()]);
    }
}
