//! Input variables of a root module, set as Terraform sets them. From lowest
//! to highest precedence: the `default`, `TF_VAR_name` environment variables,
//! `terraform.tfvars`, `terraform.tfvars.json`, `*.auto.tfvars(.json)` in
//! lexical order, then `--var-file` files and `--var` values in the order
//! given. Values are converted to the variable's declared type, and each
//! keeps where it was set, so a finding can name it.

use super::eval::{number_from_hcl, Eval, Scope};
use super::ParsedFile;
use crate::model::{Diagnostic, LineIndex, Location};
use crate::sources::SourceFile;
use hcl::edit::expr::Expression;
use hcl::edit::Span;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Variable values given outside the module's files.
#[derive(Debug, Clone, Default)]
pub struct VariableInputs {
    /// `TF_VAR_name` values from the environment: (name, raw value).
    pub environment: Vec<(String, String)>,
    /// `--var-file` files (read) and `--var NAME=VALUE`s, in the order
    /// given: Terraform applies them in command-line order, the later
    /// winning.
    pub command_line: Vec<CommandLineInput<SourceFile>>,
}

/// One variable input of the command line: a `--var-file` (its path, or
/// once read its text) or a `--var NAME=VALUE`.
#[derive(Debug, Clone, PartialEq)]
pub enum CommandLineInput<F> {
    File(F),
    Var(String, String),
}

/// A variable's value and where that value was set.
#[derive(Debug, Clone, PartialEq)]
pub struct VariableValue {
    pub value: Eval,
    /// `None` for a default without a location, or a value with no file
    /// (environment, command line): `origin` says which.
    pub location: Option<Location>,
    /// Where it was set, for people: `terraform.tfvars:3:1`, `environment
    /// variable TF_VAR_x`, `--var x=...`, `its default at variables.tf:2:3`.
    pub origin: String,
    /// Resources the value refers to, by full address: a module argument
    /// `vpc_id = aws_vpc.main.id` makes the module's resources that read
    /// `var.vpc_id` refer to `aws_vpc.main` (a graph edge).
    pub references: Vec<String>,
    /// Unknown because an input was never given (a variable without a
    /// default or value, here or in a caller), not because it is computed
    /// at apply: such a value may be anything, even what a policy forbids.
    pub unset_input: bool,
    /// Modules not loaded whose outputs the value comes from (through the
    /// module argument, or the caller's variables it passes on).
    pub unloaded_modules: Vec<String>,
}

struct Declaration<'a> {
    type_expr: Option<&'a Expression>,
    default: Option<&'a Expression>,
    location: Option<Location>,
    /// `nullable = false`: a null argument gives the default.
    non_nullable: bool,
}

fn declarations<'a>(files: &'a [ParsedFile]) -> BTreeMap<String, Declaration<'a>> {
    let mut declarations = BTreeMap::new();
    for file in files {
        for block in file.body.get_blocks("variable") {
            let [label] = block.labels.as_slice() else {
                continue;
            };
            let name = super::label_text(label).to_string();
            declarations.insert(
                name,
                Declaration {
                    type_expr: block.body.get_attribute("type").map(|a| &a.value),
                    default: block.body.get_attribute("default").map(|a| &a.value),
                    location: block
                        .body
                        .get_attribute("default")
                        .and_then(|a| a.span())
                        .map(|range| file.lines.location(&file.file.display, range)),
                    non_nullable: block
                        .body
                        .get_attribute("nullable")
                        .is_some_and(|a| matches!(&a.value, Expression::Bool(b) if !*b.value())),
                },
            );
        }
    }

    declarations
}

/// Every declared variable at its default (unknown without one).
fn defaults(declarations: &BTreeMap<String, Declaration>) -> BTreeMap<String, VariableValue> {
    let literal = LiteralScope::new();
    let mut values: BTreeMap<String, VariableValue> = BTreeMap::new();
    for (name, declaration) in declarations {
        let value = declaration
            .default
            .map_or(Eval::Unknown, |expr| literal.eval(expr));
        // Terraform converts defaults to the declared type too.
        let value = match declaration.type_expr {
            Some(type_expr) => convert(value, type_expr),
            None => value,
        };
        values.insert(
            name.clone(),
            VariableValue {
                value,
                location: declaration.location.clone(),
                origin: match &declaration.location {
                    Some(location) => format!("its default at {location}"),
                    None => "nowhere: it has no default and no value was given".into(),
                },
                references: Vec::new(),
                unloaded_modules: Vec::new(),
                unset_input: declaration.default.is_none(),
            },
        );
    }
    values
}

/// A child module's variables: defaults, overridden by the arguments of the
/// `module` block, converted to the declared types.
pub(crate) fn resolve_child(
    files: &[ParsedFile],
    arguments: BTreeMap<String, VariableValue>,
    diagnostics: &mut Vec<Diagnostic>,
) -> BTreeMap<String, VariableValue> {
    let declarations = declarations(files);
    let mut values = defaults(&declarations);
    for (name, mut argument) in arguments {
        match declarations.get(&name) {
            // `nullable = false`: null means "use the default".
            Some(declaration) if declaration.non_nullable && argument.value == Eval::Null => {}
            Some(declaration) => {
                if let Some(type_expr) = declaration.type_expr {
                    argument.value = convert(argument.value, type_expr);
                }
                values.insert(name, argument);
            }
            None => diagnostics.push(Diagnostic::warning(
                format!(
                    "module argument \"{name}\" is not a variable of the module; it is ignored"
                ),
                argument.location,
            )),
        }
    }
    values
}

/// Resolves a root module's variables. `tfvars` are the module directory's
/// own tfvars files (already in precedence order), `inputs` what the user gave.
pub(crate) fn resolve(
    files: &[ParsedFile],
    tfvars: &[SourceFile],
    inputs: &VariableInputs,
    diagnostics: &mut Vec<Diagnostic>,
) -> BTreeMap<String, VariableValue> {
    let declarations = declarations(files);
    let literal = LiteralScope::new();
    let mut values = defaults(&declarations);

    let mut set = |name: &str,
                   value: Eval,
                   location: Option<Location>,
                   origin: String,
                   diagnostics: &mut Vec<Diagnostic>| {
        let Some(declaration) = declarations.get(name) else {
            // Terraform only warns for tfvars; it is an error on the command line.
            diagnostics.push(Diagnostic::warning(
                format!("value for undeclared variable \"{name}\" ({origin}) is ignored"),
                location,
            ));
            return;
        };
        let value = match declaration.type_expr {
            Some(type_expr) => convert(value, type_expr),
            None => value,
        };
        values.insert(
            name.to_string(),
            VariableValue {
                value,
                location,
                origin,
                references: Vec::new(),
                unloaded_modules: Vec::new(),
                unset_input: false,
            },
        );
    };

    // Environment and command line values are strings, parsed as HCL when
    // the declared type is not a primitive, as Terraform does.
    let raw = |name: &str, raw: &str| -> Eval {
        let complex = declarations
            .get(name)
            .and_then(|d| d.type_expr)
            .is_some_and(|t| {
                !matches!(type_name(t).as_deref(), Some("string" | "number" | "bool"))
            });
        if complex {
            raw.parse::<Expression>()
                .map_or(Eval::Unknown, |expr| literal.eval(&expr))
        } else {
            Eval::String(raw.to_string())
        }
    };

    for (name, value) in &inputs.environment {
        // Unlike the other sources, an environment variable for an
        // undeclared variable is silently ignored by Terraform.
        if declarations.contains_key(name) {
            set(
                name,
                raw(name, value),
                None,
                format!("environment variable TF_VAR_{name}"),
                diagnostics,
            );
        }
    }
    let files = tfvars.iter().map(CommandLineInput::File);
    for input in files.chain(inputs.command_line.iter().map(|input| match input {
        CommandLineInput::File(file) => CommandLineInput::File(file),
        CommandLineInput::Var(name, value) => CommandLineInput::Var(name.clone(), value.clone()),
    })) {
        match input {
            CommandLineInput::File(file) => {
                for (name, value, location) in read_tfvars(file, &literal, diagnostics) {
                    let origin = location.to_string();
                    set(&name, value, Some(location), origin, diagnostics);
                }
            }
            CommandLineInput::Var(name, value) => set(
                &name,
                raw(&name, &value),
                None,
                format!("--var {name}=..."),
                diagnostics,
            ),
        }
    }
    values
}

/// A scope with no variables or locals: tfvars and defaults are literals.
struct LiteralScope {
    variables: BTreeMap<String, Eval>,
    locals: BTreeMap<String, &'static Expression>,
}

impl LiteralScope {
    fn new() -> Self {
        LiteralScope {
            variables: BTreeMap::new(),
            locals: BTreeMap::new(),
        }
    }

    fn eval(&self, expr: &Expression) -> Eval {
        Scope::new(&self.variables, &self.locals).eval(expr, &mut Default::default())
    }
}

/// (name, value, where) for each variable a tfvars file sets.
fn read_tfvars(
    file: &SourceFile,
    literal: &LiteralScope,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(String, Eval, Location)> {
    let lines = LineIndex::new(&file.text);
    let path: &Arc<str> = &file.display;
    if file.display.ends_with(".json") {
        return match serde_json::from_str::<serde_json::Value>(&file.text) {
            Ok(serde_json::Value::Object(map)) => map
                .iter()
                .map(|(name, value)| {
                    // Point at the key's line: find `"name"` in the text.
                    let offset = file.text.find(&format!("\"{name}\"")).unwrap_or(0);
                    (
                        name.clone(),
                        Eval::from_json(value),
                        lines.location(path, offset..offset),
                    )
                })
                .collect(),
            Ok(_) => {
                diagnostics.push(Diagnostic::error(
                    "variables file must hold a JSON object of variable names to values",
                    Some(Location::file_start(path)),
                ));
                Vec::new()
            }
            Err(error) => {
                let offset = lines.offset(error.line(), error.column());
                diagnostics.push(Diagnostic::error(
                    format!("cannot parse variables file: {error}"),
                    Some(lines.location(path, offset..offset)),
                ));
                Vec::new()
            }
        };
    }
    match super::parse::parse_body(&file.text) {
        Ok((body, notes)) => {
            diagnostics.extend(super::parse_notes(file, &lines, notes));
            body.attributes()
                .map(|attr| {
                    let location = attr
                        .span()
                        .map_or_else(|| Location::file_start(path), |r| lines.location(path, r));
                    (
                        attr.key.value().as_str().to_string(),
                        literal.eval(&attr.value),
                        location,
                    )
                })
                .collect()
        }
        Err(error) => {
            diagnostics.push(super::parse_error(file, &error));
            Vec::new()
        }
    }
}

/// `bool`, `list(string)` -> `list`, ...
fn type_name(type_expr: &Expression) -> Option<String> {
    match type_expr {
        Expression::Variable(name) => Some(name.value().as_str().to_string()),
        Expression::FuncCall(call) => Some(call.name.name.value().as_str().to_string()),
        _ => None,
    }
}

/// Converts a value to a declared type the way Terraform does for the
/// primitives (`"true"` -> true, `"5"` -> 5, 5 -> `"5"`), and element-wise
/// for `list`, `set`, `map` and `object`. What cannot convert is unknown.
/// The default of an `optional(type, default)` attribute type, converted
/// to the type; `null` for `optional(type)`; `None` for a required one.
fn optional_default(type_expr: &Expression) -> Option<Eval> {
    let Expression::FuncCall(call) = type_expr else {
        return None;
    };
    if call.name.name.value().as_str() != "optional" {
        return None;
    }
    let mut args = call.args.iter();
    let inner = args.next()?;
    Some(match args.next() {
        Some(default) => convert(LiteralScope::new().eval(default), inner),
        None => Eval::Null,
    })
}

pub fn convert(value: Eval, type_expr: &Expression) -> Eval {
    if value.is_unknown() || value == Eval::Null {
        return value;
    }
    match type_expr {
        Expression::Variable(name) => match (name.value().as_str(), value) {
            ("bool", value) => match super::eval::as_bool(value) {
                bool @ Eval::Bool(_) => bool,
                _ => Eval::Unknown,
            },
            ("number", Eval::Number(n)) => Eval::Number(n),
            ("number", Eval::String(s)) => s
                .trim()
                .parse::<f64>()
                .ok()
                .and_then(hcl::Number::from_f64)
                .map_or(Eval::Unknown, |n| number_from_hcl(&n)),
            ("string", Eval::String(s)) => Eval::String(s),
            ("string", Eval::Number(n)) => Eval::String(n.to_string()),
            ("string", Eval::Bool(b)) => Eval::String(b.to_string()),
            ("any", value) => value,
            _ => Eval::Unknown,
        },
        Expression::FuncCall(call) => {
            let element = call.args.iter().next();
            match (call.name.name.value().as_str(), value, element) {
                ("list" | "set", Eval::List(items), Some(element)) => {
                    Eval::List(items.into_iter().map(|i| convert(i, element)).collect())
                }
                ("map", Eval::Object(fields), Some(element)) => Eval::Object(
                    fields
                        .into_iter()
                        .map(|(k, v)| (k, convert(v, element)))
                        .collect(),
                ),
                ("object", Eval::Object(mut fields), Some(Expression::Object(schema))) => {
                    for (key, attr_type) in schema.iter() {
                        let key = match key {
                            hcl::edit::expr::ObjectKey::Ident(i) => i.value().as_str().to_string(),
                            hcl::edit::expr::ObjectKey::Expression(Expression::Variable(v)) => {
                                v.value().as_str().to_string()
                            }
                            _ => continue,
                        };
                        match fields.remove(&key) {
                            Some(v) if v != Eval::Null => {
                                fields.insert(key, convert(v, attr_type.expr()));
                            }
                            // Absent or null: an `optional(type, default)`
                            // attribute takes its default, as in Terraform.
                            _ => {
                                if let Some(default) = optional_default(attr_type.expr()) {
                                    fields.insert(key, default);
                                }
                            }
                        }
                    }
                    Eval::Object(fields)
                }
                ("optional", value, Some(inner)) => convert(value, inner),
                (_, value, _) => value,
            }
        }
        _ => value,
    }
}
