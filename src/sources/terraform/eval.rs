//! Static evaluation of Terraform expressions, with unknowns.
//!
//! Evaluates what can be known before `terraform apply`: literals, `var.x`
//! from defaults, `local.x`, string templates, operators, conditionals and
//! `jsonencode`. Anything else (another resource's attribute, a data source,
//! a function not implemented) is `Eval::Unknown`, never an error: a policy
//! that reads an unknown value reports "unknown", not a false failure.
//! References to other resources are collected as graph edges on the way.

use hcl::edit::expr::{
    BinaryOperator, Expression, ForExpr, FuncCall, ObjectKey, Traversal, TraversalOperator,
    UnaryOperator,
};
use hcl::edit::template::{Element, Template};
use serde_json::{Map, Number, Value};
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

/// A value with unknowns: the result of evaluating an HCL expression.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Eval {
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    List(Vec<Eval>),
    Object(BTreeMap<String, Eval>),
    /// Known only after apply, or not statically evaluable here.
    #[default]
    Unknown,
    /// A JSON text whose shape is known but some of whose values are not:
    /// `jsonencode` of a partly unknown value, a JSON template with unknown
    /// interpolations inside its strings, an `aws_iam_policy_document` with
    /// an unknown principal. As a string it is unknown; a policy document
    /// attribute keeps the shape (see `ResourceBuilder`), so a statement
    /// the unknown value cannot change is still judged.
    JsonText(Box<Eval>),
    /// A string some of whose parts are known: its text with each unknown
    /// part replaced by `UNKNOWN_MARK` (`"/${var.env}/db_arn"`). Unknown
    /// as a value; a condition on a known part may still be decided.
    PartialText(String),
}

pub(crate) use crate::model::UNKNOWN_MARK;

impl Eval {
    pub(crate) fn is_known(&self) -> bool {
        match self {
            Eval::Unknown | Eval::JsonText(_) | Eval::PartialText(_) => false,
            Eval::List(items) => items.iter().all(Eval::is_known),
            Eval::Object(fields) => fields.values().all(Eval::is_known),
            _ => true,
        }
    }

    /// The JSON value, with unknowns as `null` and their paths recorded.
    /// `null` object members are dropped: in Terraform, null means unset.
    pub fn to_json(&self, path: &str, unknown: &mut BTreeSet<String>) -> Value {
        match self {
            Eval::Null => Value::Null,
            Eval::Bool(b) => Value::Bool(*b),
            Eval::Number(n) => Value::Number(n.clone()),
            Eval::String(s) => Value::String(s.clone()),
            Eval::List(items) => Value::Array(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| item.to_json(&crate::attr_path::join_index(path, i), unknown))
                    .collect(),
            ),
            Eval::Object(fields) => {
                let mut map = Map::new();
                for (key, value) in fields {
                    if *value == Eval::Null {
                        continue;
                    }
                    map.insert(
                        key.clone(),
                        value.to_json(&crate::attr_path::join_key(path, key), unknown),
                    );
                }
                Value::Object(map)
            }
            Eval::Unknown | Eval::JsonText(_) | Eval::PartialText(_) => {
                unknown.insert(path.to_string());
                Value::Null
            }
        }
    }

    /// Unknown as a value: `Unknown`, or a partly known JSON text.
    pub(crate) fn is_unknown(&self) -> bool {
        matches!(
            self,
            Eval::Unknown | Eval::JsonText(_) | Eval::PartialText(_)
        )
    }

    /// The value of a JSON text read with unknown values marked by
    /// `UNKNOWN_MARK`: a string holding the mark is unknown, and so is an
    /// object with a key holding it (its keys are not known).
    pub(crate) fn from_marked_json(value: &Value) -> Eval {
        match value {
            Value::String(s) if s.contains(UNKNOWN_MARK) => Eval::Unknown,
            Value::Array(items) => Eval::List(items.iter().map(Eval::from_marked_json).collect()),
            Value::Object(map) if map.keys().any(|k| k.contains(UNKNOWN_MARK)) => Eval::Unknown,
            Value::Object(map) => Eval::Object(
                map.iter()
                    .map(|(k, v)| (k.clone(), Eval::from_marked_json(v)))
                    .collect(),
            ),
            other => Eval::from_json(other),
        }
    }

    pub fn from_json(value: &Value) -> Eval {
        match value {
            Value::Null => Eval::Null,
            Value::Bool(b) => Eval::Bool(*b),
            Value::Number(n) => Eval::Number(n.clone()),
            Value::String(s) => Eval::String(s.clone()),
            Value::Array(items) => Eval::List(items.iter().map(Eval::from_json).collect()),
            Value::Object(map) => Eval::Object(
                map.iter()
                    .map(|(k, v)| (k.clone(), Eval::from_json(v)))
                    .collect(),
            ),
        }
    }

    /// Fully known value as JSON (for `jsonencode`); `None` if anything is unknown.
    pub(crate) fn to_known_json(&self) -> Option<Value> {
        if !self.is_known() {
            return None;
        }
        let mut ignored = BTreeSet::new();
        Some(self.to_json("", &mut ignored))
    }

    /// The string form Terraform gives a primitive in a template.
    pub(crate) fn to_template_string(&self) -> Option<String> {
        match self {
            Eval::String(s) => Some(s.clone()),
            Eval::Number(n) => Some(n.to_string()),
            Eval::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    /// Terraform's name for the value's type, for messages.
    pub(crate) fn type_name(&self) -> &'static str {
        match self {
            Eval::Null => "null",
            Eval::Bool(_) => "bool",
            Eval::Number(_) => "number",
            Eval::String(_) => "string",
            Eval::List(_) => "list",
            Eval::Object(_) => "object",
            Eval::Unknown | Eval::JsonText(_) | Eval::PartialText(_) => "unknown",
        }
    }

    pub(crate) fn as_f64(&self) -> Option<f64> {
        match self {
            Eval::Number(n) => n.as_f64(),
            Eval::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    }
}

pub(crate) fn number(value: f64) -> Eval {
    if value.fract() == 0.0 && value.abs() < 9.0e15 {
        Eval::Number(Number::from(value as i64))
    } else {
        Number::from_f64(value).map_or(Eval::Unknown, Eval::Number)
    }
}

pub fn number_from_hcl(n: &hcl::Number) -> Eval {
    if let Some(i) = n.as_i64() {
        Eval::Number(Number::from(i))
    } else if let Some(u) = n.as_u64() {
        Eval::Number(Number::from(u))
    } else {
        n.as_f64().map_or(Eval::Unknown, number)
    }
}

/// What an evaluation touched besides its value: the resources it
/// references (graph edges) and the variables it read (for provenance).
#[derive(Debug, Clone, Default, PartialEq)]
/// Sets, so a value used many times (a local in a loop) costs one entry.
pub struct Trace {
    pub references: BTreeSet<String>,
    pub variables: BTreeSet<String>,
    /// Type errors on known values (`"a" * 2`): Terraform would reject
    /// them; the value is unknown and the loader reports where.
    pub errors: BTreeSet<String>,
    /// An operation failed on known values (an attribute a known object
    /// does not have, an index out of range): what `try` and `can` catch,
    /// unlike a value that is merely unknown.
    pub failed: bool,
    /// Modules whose outputs were read but are not loaded (a registry or
    /// git module not downloaded): why the value is unknown.
    pub unloaded_modules: BTreeSet<String>,
    /// Inputs nobody gave that a data source or a module output read: the
    /// value may depend on them as on a variable read here.
    pub unset_inputs: BTreeSet<crate::model::ValueOrigin>,
}

impl Trace {
    fn extend(&mut self, other: &Trace) {
        self.references.extend(other.references.iter().cloned());
        self.variables.extend(other.variables.iter().cloned());
        self.errors.extend(other.errors.iter().cloned());
        self.failed |= other.failed;
        self.unloaded_modules
            .extend(other.unloaded_modules.iter().cloned());
        self.unset_inputs.extend(other.unset_inputs.iter().cloned());
    }

    /// The modules not loaded that a value read through this trace comes
    /// from: read directly (addressed under `prefix`, the module's
    /// address), or behind the module arguments of the variables it read.
    pub fn unloaded_modules_under(
        &self,
        prefix: &str,
        variables: &BTreeMap<String, super::variables::VariableValue>,
    ) -> Vec<String> {
        self.unloaded_modules
            .iter()
            .map(|module| format!("{prefix}{module}"))
            .chain(
                self.variables
                    .iter()
                    .filter_map(|name| variables.get(name))
                    .flat_map(|value| value.unloaded_modules.iter().cloned()),
            )
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect()
    }

    /// What an expression whose value was not used leaves (the branch of a
    /// conditional not taken, a default not needed): its references, which
    /// Terraform orders by, and its errors, but not its variables, which
    /// are no origin of the value.
    fn extend_unused(&mut self, other: &Trace) {
        self.references.extend(other.references.iter().cloned());
        self.errors.extend(other.errors.iter().cloned());
        self.failed |= other.failed;
    }

    /// What an argument `try` or `can` caught leaves: what it read, not
    /// its failure.
    fn extend_reads(&mut self, other: &Trace) {
        self.references.extend(other.references.iter().cloned());
        self.variables.extend(other.variables.iter().cloned());
        self.unloaded_modules
            .extend(other.unloaded_modules.iter().cloned());
        self.unset_inputs.extend(other.unset_inputs.iter().cloned());
    }
}

/// A module's outputs as its caller sees them: values, and for each output
/// the resources it references (addressed relative to the caller).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ModuleOutputs {
    pub values: Eval,
    pub references: BTreeMap<String, Vec<String>>,
    /// For each output, the inputs nobody gave that its value read.
    pub unset_inputs: BTreeMap<String, BTreeSet<crate::model::ValueOrigin>>,
}

/// What a module's configuration tells of one of its data sources.
#[derive(Debug, Clone, Default)]
pub struct DataSource {
    /// Its attributes, when its configuration determines them: one
    /// instance, or a list (count) or a map (for_each) of them.
    pub value: Option<Eval>,
    /// With a `count` not known: its one instance, and that `count`'s text.
    pub instance: Option<(Eval, String)>,
    /// The inputs nobody gave that it read.
    pub unset_inputs: BTreeSet<crate::model::ValueOrigin>,
}

/// State of a `local` during lazy evaluation, to detect cycles.
#[derive(Clone)]
enum LocalState {
    InProgress,
    Done(Eval, Trace),
}

/// Names an expression can see: a module's variables and locals.
pub struct Scope<'a> {
    pub variables: &'a BTreeMap<String, Eval>,
    pub locals: &'a BTreeMap<String, &'a Expression>,
    local_values: RefCell<BTreeMap<String, LocalState>>,
    /// Locals found to be part of a cycle, reported once each by the loader.
    pub cycles: RefCell<BTreeSet<String>>,
    /// Names bound while evaluating: `count`, `each`, `dynamic` iterators,
    /// `for` variables. Innermost last.
    bindings: RefCell<Vec<(String, Eval)>>,
    /// How many locals are being evaluated inside each other: a long chain
    /// would overflow the stack.
    local_depth: std::cell::Cell<usize>,
    /// Elements `for` expressions and `range` may still produce in this
    /// module: nesting multiplies them, so the budget is shared.
    element_budget: std::cell::Cell<usize>,
    /// Outputs of the child modules loaded so far, by module name.
    module_outputs: RefCell<BTreeMap<String, ModuleOutputs>>,
    /// What the configuration tells of each data source, by address
    /// (`data.x.y`).
    data_sources: RefCell<BTreeMap<String, DataSource>>,
    /// The `count` (its text) of the resource being built when it is not
    /// known: a data source with the same `count` exists exactly when this
    /// resource does.
    building_count: RefCell<Option<String>>,
    /// Resource blocks with `count` or `for_each`, as a whole: their
    /// instances' keys are known before apply, their values are not.
    resource_shapes: RefCell<BTreeMap<String, Eval>>,
    /// The arguments written in each resource block of the module, by
    /// `type.name`, and whether the block has `count` or `for_each`.
    resource_arguments: RefCell<BTreeMap<String, ResourceArguments<'a>>>,
    /// Resource arguments being evaluated, to stop at a cycle.
    arguments_in_progress: RefCell<BTreeSet<String>>,
    /// `path.module`: the module's directory relative to the root's, as
    /// Terraform gives it when run in the root (`.` there).
    module_path: Option<String>,
}

/// The top-level arguments of a resource block.
pub struct ResourceArguments<'a> {
    pub expanded: bool,
    pub arguments: BTreeMap<String, &'a Expression>,
}

/// The most elements a `for` expression, `count` or `for_each` expands to;
/// beyond it the value is unknown (and the loader reports it).
pub const MAX_EXPANSION: usize = 10_000;

/// The most elements all `for` expressions of one module instance produce.
pub const MAX_ELEMENTS: usize = 1_000_000;

/// The longest chain of locals referring to each other that is evaluated.
pub const MAX_LOCAL_DEPTH: usize = 64;

impl<'a> Scope<'a> {
    pub fn new(
        variables: &'a BTreeMap<String, Eval>,
        locals: &'a BTreeMap<String, &'a Expression>,
    ) -> Self {
        Scope {
            variables,
            locals,
            local_values: RefCell::new(BTreeMap::new()),
            cycles: RefCell::new(BTreeSet::new()),
            bindings: RefCell::new(Vec::new()),
            local_depth: std::cell::Cell::new(0),
            element_budget: std::cell::Cell::new(MAX_ELEMENTS),
            module_outputs: RefCell::new(BTreeMap::new()),
            data_sources: RefCell::new(BTreeMap::new()),
            building_count: RefCell::new(None),
            resource_shapes: RefCell::new(BTreeMap::new()),
            resource_arguments: RefCell::new(BTreeMap::new()),
            arguments_in_progress: RefCell::new(BTreeSet::new()),
            module_path: None,
        }
    }

    /// Sets `path.module` (`.` for the root module).
    pub fn with_module_path(mut self, path: Option<String>) -> Self {
        self.module_path = path;
        self
    }

    /// Forgets the values of locals evaluated so far, so that they are
    /// evaluated again with data sources made known since.
    pub fn forget_locals(&self) {
        self.local_values.borrow_mut().clear();
    }

    /// Makes the arguments of resource block `type.name` readable through
    /// references to it.
    pub fn set_resource_arguments(&self, address: &str, arguments: ResourceArguments<'a>) {
        self.resource_arguments
            .borrow_mut()
            .insert(address.to_string(), arguments);
    }

    /// `aws_vpc.main.cidr_block` where the block writes `cidr_block`: the
    /// argument's value, which Terraform keeps as written after apply.
    /// `None` when it is not written there, or not known without the
    /// instance (`count.index`, `each`). `ops` follow the resource name.
    fn resource_argument(
        &self,
        address: &str,
        ops: &[&TraversalOperator],
        trace: &mut Trace,
    ) -> Option<Eval> {
        let (expr, rest, key) = {
            let blocks = self.resource_arguments.borrow();
            let block = blocks.get(address)?;
            // An instance of an expanded block is named by an index.
            let ops = if block.expanded {
                match ops.first()? {
                    TraversalOperator::Index(_) | TraversalOperator::LegacyIndex(_) => &ops[1..],
                    _ => return None,
                }
            } else {
                ops
            };
            let (TraversalOperator::GetAttr(name), rest) = ops.split_first()? else {
                return None;
            };
            let name = name.value().as_str();
            (
                *block.arguments.get(name)?,
                rest,
                format!("{address}.{name}"),
            )
        };
        if !self.arguments_in_progress.borrow_mut().insert(key.clone()) {
            return None;
        }
        // The block's own scope: no `for` names of the referring expression.
        let outer = std::mem::take(&mut *self.bindings.borrow_mut());
        let mut argument_trace = Trace::default();
        let value = self.eval(expr, &mut argument_trace);
        *self.bindings.borrow_mut() = outer;
        self.arguments_in_progress.borrow_mut().remove(&key);
        // The variables the value came from; not the block's references,
        // which are its edges, not the reader's.
        trace.variables.extend(argument_trace.variables);
        value
            .is_known()
            .then(|| self.apply_operators(value, rest, trace))
    }

    /// Makes `type.name` of a block with `count`/`for_each` evaluate to its
    /// instances: a list (count) or an object (for_each) of unknown values.
    pub fn set_resource_shape(&self, address: &str, shape: Eval) {
        self.resource_shapes
            .borrow_mut()
            .insert(address.to_string(), shape);
    }

    /// Runs `f` while building a resource whose `count` (this text) is not
    /// known.
    pub fn with_building_count<T>(&self, count: Option<String>, f: impl FnOnce(&Self) -> T) -> T {
        let outer = self.building_count.replace(count);
        let out = f(self);
        *self.building_count.borrow_mut() = outer;
        out
    }

    /// Makes what is known of a data source visible at its address.
    pub fn set_data_source(&self, address: &str, source: DataSource) {
        self.data_sources
            .borrow_mut()
            .insert(address.to_string(), source);
    }

    /// Makes a child module's outputs visible as `module.NAME`.
    pub fn set_module_outputs(&self, name: &str, outputs: ModuleOutputs) {
        self.module_outputs
            .borrow_mut()
            .insert(name.to_string(), outputs);
    }

    /// Runs `f` with `names` bound (shadowing outer bindings of the same name).
    pub fn with_bindings<T>(&self, names: Vec<(String, Eval)>, f: impl FnOnce(&Self) -> T) -> T {
        let depth = self.bindings.borrow().len();
        self.bindings.borrow_mut().extend(names);
        let out = f(self);
        self.bindings.borrow_mut().truncate(depth);
        out
    }

    /// Takes `n` elements from the module's budget; false when it is spent.
    pub(crate) fn spend(&self, n: usize) -> bool {
        let left = self.element_budget.get();
        self.element_budget.set(left.saturating_sub(n));
        n <= left
    }

    fn binding(&self, name: &str) -> Option<Eval> {
        self.bindings
            .borrow()
            .iter()
            .rev()
            .find(|(bound, _)| bound == name)
            .map(|(_, value)| value.clone())
    }

    /// Evaluates `expr`, recording in `trace` the resources it references and
    /// the variables it reads.
    pub fn eval(&self, expr: &Expression, trace: &mut Trace) -> Eval {
        match expr {
            Expression::Null(_) => Eval::Null,
            Expression::Bool(b) => Eval::Bool(*b.value()),
            Expression::Number(n) => number_from_hcl(n.value()),
            Expression::String(s) => Eval::String(s.value().clone()),
            Expression::Array(array) => {
                Eval::List(array.iter().map(|item| self.eval(item, trace)).collect())
            }
            Expression::Object(object) => {
                let mut fields = BTreeMap::new();
                let mut all_keys_known = true;
                for (key, value) in object.iter() {
                    let key = match key {
                        ObjectKey::Ident(ident) => Some(ident.value().as_str().to_string()),
                        ObjectKey::Expression(key_expr) => {
                            // A bare word key (`{ Effect = "Allow" }`) parses as a
                            // variable; Terraform treats it as the literal name.
                            if let Expression::Variable(name) = key_expr {
                                Some(name.value().as_str().to_string())
                            } else {
                                self.eval(key_expr, trace).to_template_string()
                            }
                        }
                    };
                    let value = self.eval(value.expr(), trace);
                    match key {
                        Some(key) => {
                            fields.insert(key, value);
                        }
                        None => all_keys_known = false,
                    }
                }
                if all_keys_known {
                    Eval::Object(fields)
                } else {
                    Eval::Unknown
                }
            }
            Expression::StringTemplate(template) => self.eval_template(template, trace),
            Expression::HeredocTemplate(heredoc) => self.eval_template(&heredoc.template, trace),
            Expression::Parenthesis(inner) => self.eval(inner.inner(), trace),
            Expression::Variable(name) => {
                self.binding(name.value().as_str()).unwrap_or(Eval::Unknown)
            }
            Expression::Conditional(cond) => {
                let condition = as_bool(self.eval(&cond.cond_expr, trace));
                let (mut true_trace, mut false_trace) = (Trace::default(), Trace::default());
                let when_true = self.eval(&cond.true_expr, &mut true_trace);
                let when_false = self.eval(&cond.false_expr, &mut false_trace);
                // The branch taken is where the value came from.
                match condition {
                    Eval::Bool(true) => {
                        trace.extend(&true_trace);
                        trace.extend_unused(&false_trace);
                    }
                    Eval::Bool(false) => {
                        trace.extend(&false_trace);
                        trace.extend_unused(&true_trace);
                    }
                    _ => {
                        trace.extend(&true_trace);
                        trace.extend(&false_trace);
                    }
                }
                match condition {
                    Eval::Bool(true) => when_true,
                    Eval::Bool(false) => when_false,
                    unknown if unknown.is_unknown() => Eval::Unknown,
                    other => {
                        trace.errors.insert(format!(
                            "the condition of a conditional expression must be a bool, not {}",
                            other.type_name()
                        ));
                        Eval::Unknown
                    }
                }
            }
            Expression::FuncCall(call) => self.eval_call(call, trace),
            Expression::Traversal(traversal) => self.eval_traversal(traversal, trace),
            Expression::UnaryOp(op) => {
                let value = self.eval(&op.expr, trace);
                match (op.operator.value(), value) {
                    (UnaryOperator::Not, value @ Eval::String(_)) => match as_bool(value) {
                        Eval::Bool(b) => Eval::Bool(!b),
                        _ => Eval::Unknown,
                    },
                    (UnaryOperator::Not, Eval::Bool(b)) => Eval::Bool(!b),
                    (UnaryOperator::Neg, value) => {
                        value.as_f64().map_or(Eval::Unknown, |n| number(-n))
                    }
                    _ => Eval::Unknown,
                }
            }
            Expression::BinaryOp(op) => {
                let lhs = self.eval(&op.lhs_expr, trace);
                let rhs = self.eval(&op.rhs_expr, trace);
                let operator = *op.operator.value();
                // Terraform converts "true" and "false" where a bool is
                // wanted: a map(string) flag works as a condition.
                let (lhs, rhs) = match operator {
                    BinaryOperator::And | BinaryOperator::Or => (as_bool(lhs), as_bool(rhs)),
                    _ => (lhs, rhs),
                };
                let value = binary(operator, &lhs, &rhs);
                if value.is_unknown() && type_error(operator, &lhs, &rhs) {
                    trace.errors.insert(format!(
                        "operator {} cannot take {} and {}",
                        operator.as_str(),
                        lhs.type_name(),
                        rhs.type_name()
                    ));
                }
                value
            }
            Expression::ForExpr(for_expr) => self.eval_for(for_expr, trace),
        }
    }

    fn eval_template(&self, template: &Template, trace: &mut Trace) -> Eval {
        let mut out = String::new();
        // Whether every part not known is an unknown primitive, marked in
        // `out`: then a JSON template keeps its shape.
        let mut markable = true;
        let mut known = true;
        for element in template.iter() {
            match element {
                Element::Literal(literal) => out.push_str(literal.value()),
                Element::Interpolation(interpolation) => {
                    match self.eval(&interpolation.expr, trace) {
                        Eval::PartialText(text) => {
                            known = false;
                            out.push_str(&text);
                        }
                        value => match value.to_template_string() {
                            Some(s) => out.push_str(&s),
                            None => {
                                known = false;
                                markable &= value.is_unknown();
                                out.push(UNKNOWN_MARK);
                            }
                        },
                    }
                }
                Element::Directive(_) => {
                    known = false;
                    markable = false;
                }
            }
        }
        if known {
            Eval::String(out)
        } else if markable {
            json_text(&out)
        } else {
            Eval::Unknown
        }
    }

    fn eval_call(&self, call: &FuncCall, trace: &mut Trace) -> Eval {
        if call.name.is_namespaced() {
            // Provider-defined functions (`provider::aws::arn_parse`).
            for arg in call.args.iter() {
                self.eval(arg, trace);
            }
            return Eval::Unknown;
        }
        let name = call.name.name.value().as_str();
        match name {
            // The first argument that evaluates (here: to a known value).
            // Terraform's try also skips errors; this evaluator has no
            // errors, only unknowns, so an unknown first argument falls
            // through to the next: the fallback is what a missing attribute
            // or index would give in Terraform.
            // An argument that depends on a resource, data source or module
            // is unknown, as in Terraform (`try(aws_kms_key.k[0].arn, null)`
            // must not become null). One unknown for want of an attribute or
            // index (Terraform's error case) falls through to the next.
            // Terraform's `try` takes the first argument that evaluates
            // without an error; an argument whose value is only unknown
            // (a reference, a variable without a value) makes the result
            // unknown, since whether it fails is not known either.
            "try" => {
                for arg in call.args.iter() {
                    let mut arg_trace = Trace::default();
                    let value = self.eval(arg, &mut arg_trace);
                    trace.extend_reads(&arg_trace);
                    let failed = arg_trace.failed || !arg_trace.errors.is_empty();
                    if !failed {
                        return value;
                    }
                }
                Eval::Unknown
            }
            "can" => match call.args.iter().next() {
                Some(arg) => {
                    let mut arg_trace = Trace::default();
                    let value = self.eval(arg, &mut arg_trace);
                    trace.extend_reads(&arg_trace);
                    if arg_trace.failed || !arg_trace.errors.is_empty() {
                        Eval::Bool(false)
                    } else if value.is_unknown() {
                        Eval::Unknown
                    } else {
                        Eval::Bool(true)
                    }
                }
                None => Eval::Unknown,
            },
            // The arguments after the one chosen are no origin of the value
            // (`coalesce(each.value.protocol, var.default_protocol)`, a
            // `lookup` default when the key is there).
            "coalesce" | "lookup" if !call.args.expand_final() => {
                let mut traces = Vec::new();
                let args: Vec<Eval> = call
                    .args
                    .iter()
                    .map(|arg| {
                        let mut arg_trace = Trace::default();
                        let value = self.eval(arg, &mut arg_trace);
                        traces.push(arg_trace);
                        value
                    })
                    .collect();
                let used = match (name, args.as_slice()) {
                    // The first set argument, if no unknown one is before it.
                    ("coalesce", _) => args
                        .iter()
                        .position(|a| !matches!(a, Eval::Null) && *a != Eval::String(String::new()))
                        .filter(|chosen| args[..=*chosen].iter().all(Eval::is_known))
                        .map_or(args.len(), |chosen| chosen + 1),
                    ("lookup", [Eval::Object(fields), key, ..])
                        if key
                            .to_template_string()
                            .is_some_and(|k| fields.contains_key(&k)) =>
                    {
                        2
                    }
                    _ => args.len(),
                };
                for (i, arg_trace) in traces.iter().enumerate() {
                    if i < used {
                        trace.extend(arg_trace);
                    } else {
                        trace.extend_unused(arg_trace);
                    }
                }
                super::functions::call(name, args)
            }
            _ => {
                let mut args: Vec<Eval> = call.args.iter().map(|a| self.eval(a, trace)).collect();
                // `f(list...)`: the final list's elements are the arguments.
                if call.args.expand_final() {
                    match args.pop() {
                        Some(Eval::List(items)) => args.extend(items),
                        _ => return Eval::Unknown,
                    }
                }
                super::functions::call(name, args)
            }
        }
    }

    fn eval_traversal(&self, traversal: &Traversal, trace: &mut Trace) -> Eval {
        let ops: Vec<&TraversalOperator> =
            traversal.operators.iter().map(|op| op.value()).collect();
        let root = match &traversal.expr {
            Expression::Variable(name) => {
                if let Some(bound) = self.binding(name.value().as_str()) {
                    return self.apply_operators(bound, &ops, trace);
                }
                name.value().as_str().to_string()
            }
            other => {
                let base = self.eval(other, trace);
                return self.apply_operators(base, &ops, trace);
            }
        };
        let attr = |i: usize| match ops.get(i) {
            Some(TraversalOperator::GetAttr(name)) => Some(name.value().as_str().to_string()),
            _ => None,
        };
        match root.as_str() {
            "var" => match attr(0) {
                Some(name) => {
                    let value = self.variables.get(&name).cloned().unwrap_or(Eval::Unknown);
                    trace.variables.insert(name);
                    self.apply_operators(value, &ops[1..], trace)
                }
                None => Eval::Unknown,
            },
            "local" => match attr(0) {
                Some(name) => {
                    let value = self.local(&name, trace);
                    self.apply_operators(value, &ops[1..], trace)
                }
                None => Eval::Unknown,
            },
            // Terraform run in the root module: `path.root` is `.` and
            // `path.module` relative to it; `path.cwd` is absolute.
            "path" => match (attr(0).as_deref(), &self.module_path) {
                (Some("module"), Some(path)) => Eval::String(path.clone()),
                (Some("root"), _) => Eval::String(".".to_string()),
                _ => Eval::Unknown,
            },
            "count" | "each" | "terraform" | "self" => Eval::Unknown,
            "data" => match (attr(0), attr(1)) {
                (Some(kind), Some(name)) => {
                    let address = format!("data.{kind}.{name}");
                    trace.references.insert(address.clone());
                    let Some(source) = self.data_sources.borrow().get(&address).cloned() else {
                        return Eval::Unknown;
                    };
                    trace.unset_inputs.extend(source.unset_inputs);
                    match (source.value, source.instance, ops.get(2)) {
                        (Some(value), _, _) => self.apply_operators(value, &ops[2..], trace),
                        // A count not known: the one instance stands for each
                        // named one; the block as a whole (a splat, `length`)
                        // is not known, except to a resource with the same
                        // count, which exists exactly when the instance does.
                        (
                            None,
                            Some((instance, _)),
                            Some(TraversalOperator::Index(_) | TraversalOperator::LegacyIndex(_)),
                        ) => self.apply_operators(instance, &ops[3..], trace),
                        (None, Some((instance, count)), _)
                            if self.building_count.borrow().as_deref() == Some(count.as_str()) =>
                        {
                            self.apply_operators(Eval::List(vec![instance]), &ops[2..], trace)
                        }
                        _ => Eval::Unknown,
                    }
                }
                _ => Eval::Unknown,
            },
            "module" => match attr(0) {
                Some(name) => {
                    trace.references.insert(format!("module.{name}"));
                    let outputs = self.module_outputs.borrow().get(&name).cloned();
                    match outputs {
                        Some(outputs) => {
                            // `module.m.out` references what the output does
                            // (all of it for `module.m`, `module.m[0].out`).
                            match attr(1).and_then(|out| outputs.references.get(&out)) {
                                Some(refs) => trace.references.extend(refs.iter().cloned()),
                                None => trace
                                    .references
                                    .extend(outputs.references.values().flatten().cloned()),
                            }
                            match attr(1).and_then(|out| outputs.unset_inputs.get(&out)) {
                                Some(inputs) => trace.unset_inputs.extend(inputs.iter().cloned()),
                                None if attr(1).is_none() => trace
                                    .unset_inputs
                                    .extend(outputs.unset_inputs.values().flatten().cloned()),
                                None => {}
                            }
                            self.apply_operators(outputs.values, &ops[1..], trace)
                        }
                        None => {
                            trace.unloaded_modules.insert(format!("module.{name}"));
                            Eval::Unknown
                        }
                    }
                }
                None => Eval::Unknown,
            },
            resource_type => {
                if let Some(name) = attr(0) {
                    // `aws_s3_bucket.b["logs"].id` names one instance.
                    let key = match ops.get(1) {
                        Some(TraversalOperator::Index(index)) => match self.eval(index, trace) {
                            Eval::String(key) => serde_json::to_string(&key).ok(),
                            Eval::Number(n) => Some(n.to_string()),
                            _ => None,
                        },
                        Some(TraversalOperator::LegacyIndex(i)) => Some(i.value().to_string()),
                        _ => None,
                    };
                    trace.references.insert(match key {
                        Some(key) => format!("{resource_type}.{name}[{key}]"),
                        None => format!("{resource_type}.{name}"),
                    });
                    let address = format!("{resource_type}.{name}");
                    // The whole block (`for_each = aws_s3_bucket.b`): its keys.
                    if ops.len() == 1 {
                        if let Some(shape) = self.resource_shapes.borrow().get(&address) {
                            return shape.clone();
                        }
                    }
                    if let Some(value) = self.resource_argument(&address, &ops[1..], trace) {
                        return value;
                    }
                }
                Eval::Unknown
            }
        }
    }

    fn apply_operators(
        &self,
        mut value: Eval,
        ops: &[&TraversalOperator],
        trace: &mut Trace,
    ) -> Eval {
        for (i, op) in ops.iter().enumerate() {
            value = match op {
                TraversalOperator::GetAttr(name) => match value {
                    Eval::Object(mut fields) => match fields.remove(name.value().as_str()) {
                        Some(field) => field,
                        None => {
                            trace.failed = true;
                            Eval::Unknown
                        }
                    },
                    Eval::Unknown => Eval::Unknown,
                    _ => {
                        trace.failed = true;
                        Eval::Unknown
                    }
                },
                TraversalOperator::Index(index) => {
                    let index = self.eval(index, trace);
                    trace.failed |= index_fails(&value, &index);
                    index_value(value, &index)
                }
                TraversalOperator::LegacyIndex(i) => {
                    let index = Eval::Number(Number::from(*i.value()));
                    trace.failed |= index_fails(&value, &index);
                    index_value(value, &index)
                }
                // `list[*].a.b`: the rest of the traversal applies to each
                // element; a single value is a one-element list, null none.
                TraversalOperator::AttrSplat(_) | TraversalOperator::FullSplat(_) => {
                    let rest = &ops[i + 1..];
                    return match value {
                        Eval::List(items) => Eval::List(
                            items
                                .into_iter()
                                .map(|item| self.apply_operators(item, rest, trace))
                                .collect(),
                        ),
                        Eval::Null => Eval::List(Vec::new()),
                        Eval::Unknown => Eval::Unknown,
                        single => Eval::List(vec![self.apply_operators(single, rest, trace)]),
                    };
                }
            };
        }
        value
    }

    /// `[for k, v in coll : expr if cond]` and `{for k, v in coll : key => value...}`.
    fn eval_for(&self, for_expr: &ForExpr, trace: &mut Trace) -> Eval {
        let collection = self.eval(&for_expr.intro.collection_expr, trace);
        let pairs: Vec<(Eval, Eval)> = match collection {
            Eval::List(items) => items
                .into_iter()
                .enumerate()
                .map(|(i, item)| (number(i as f64), item))
                .collect(),
            Eval::Object(fields) => fields
                .into_iter()
                .map(|(k, v)| (Eval::String(k), v))
                .collect(),
            _ => return Eval::Unknown,
        };
        if pairs.len() > MAX_EXPANSION || !self.spend(pairs.len()) {
            return Eval::Unknown;
        }
        let value_var = for_expr.intro.value_var.value().as_str().to_string();
        let key_var = for_expr
            .intro
            .key_var
            .as_ref()
            .map(|k| k.value().as_str().to_string());
        let mut list = Vec::new();
        let mut object: BTreeMap<String, Eval> = BTreeMap::new();
        for (key, value) in pairs {
            let mut names = vec![(value_var.clone(), value)];
            if let Some(key_var) = &key_var {
                names.push((key_var.clone(), key));
            }
            let outcome = self.with_bindings(names, |scope| {
                if let Some(cond) = &for_expr.cond {
                    match scope.eval(&cond.expr, trace) {
                        Eval::Bool(true) => {}
                        Eval::Bool(false) => return Some(None),
                        // Which elements are kept is not known.
                        _ => return None,
                    }
                }
                let key = for_expr
                    .key_expr
                    .as_ref()
                    .map(|key_expr| scope.eval(key_expr, trace).to_template_string());
                Some(Some((key, scope.eval(&for_expr.value_expr, trace))))
            });
            match outcome {
                None => return Eval::Unknown,
                Some(None) => {}
                Some(Some((None, value))) => list.push(value),
                Some(Some((Some(None), _))) => return Eval::Unknown,
                Some(Some((Some(Some(key)), value))) => {
                    if for_expr.grouping {
                        match object.entry(key).or_insert_with(|| Eval::List(Vec::new())) {
                            Eval::List(group) => group.push(value),
                            _ => return Eval::Unknown,
                        }
                    } else {
                        object.insert(key, value);
                    }
                }
            }
        }
        if for_expr.key_expr.is_some() {
            Eval::Object(object)
        } else {
            Eval::List(list)
        }
    }

    fn local(&self, name: &str, trace: &mut Trace) -> Eval {
        match self.local_values.borrow().get(name) {
            Some(LocalState::Done(value, local_trace)) => {
                trace.extend(local_trace);
                return value.clone();
            }
            Some(LocalState::InProgress) => {
                self.cycles.borrow_mut().insert(name.to_string());
                return Eval::Unknown;
            }
            None => {}
        }
        let Some(expr) = self.locals.get(name) else {
            return Eval::Unknown;
        };
        if self.local_depth.get() >= MAX_LOCAL_DEPTH {
            trace.errors.insert(format!(
                "local.{name} is at the end of a chain of more than {MAX_LOCAL_DEPTH} locals; it is not evaluated"
            ));
            return Eval::Unknown;
        }
        self.local_values
            .borrow_mut()
            .insert(name.to_string(), LocalState::InProgress);
        let mut local_trace = Trace::default();
        // A local sees only variables and other locals, never the `for`,
        // `count` or `each` names of the expression that refers to it.
        let outer = std::mem::take(&mut *self.bindings.borrow_mut());
        self.local_depth.set(self.local_depth.get() + 1);
        let mut value = self.eval(expr, &mut local_trace);
        self.local_depth.set(self.local_depth.get() - 1);
        *self.bindings.borrow_mut() = outer;
        if self.cycles.borrow().contains(name) {
            value = Eval::Unknown;
        }
        trace.extend(&local_trace);
        self.local_values.borrow_mut().insert(
            name.to_string(),
            LocalState::Done(value.clone(), local_trace),
        );
        value
    }
}

fn index_value(value: Eval, index: &Eval) -> Eval {
    match (value, index) {
        (Eval::List(mut items), index) => match index.as_f64() {
            Some(i) if i >= 0.0 && (i as usize) < items.len() => items.swap_remove(i as usize),
            _ => Eval::Unknown,
        },
        (Eval::Object(mut fields), index) => index
            .to_template_string()
            .and_then(|key| fields.remove(&key))
            .unwrap_or(Eval::Unknown),
        _ => Eval::Unknown,
    }
}

/// A template's text with its unknown interpolations marked: a JSON text
/// when it is a JSON object or array with every mark inside a string,
/// else a partly known string.
fn json_text(marked: &str) -> Eval {
    if !marked.trim_start().starts_with(['{', '[']) {
        return partial_text(marked.to_string());
    }
    match serde_json::from_str::<Value>(marked) {
        Ok(value) => match Eval::from_marked_json(&value) {
            Eval::Unknown => Eval::Unknown,
            shape => Eval::JsonText(Box::new(shape)),
        },
        Err(_) => partial_text(marked.to_string()),
    }
}

/// A string with unknown parts marked: partly known when some part is.
pub(crate) fn partial_text(marked: String) -> Eval {
    if marked.chars().all(|c| c == UNKNOWN_MARK) {
        Eval::Unknown
    } else {
        Eval::PartialText(marked)
    }
}

/// Whether indexing a known collection with a known index fails (out of
/// range, no such key, not a collection): an error `try` catches.
fn index_fails(value: &Eval, index: &Eval) -> bool {
    if value.is_unknown() || !index.is_known() {
        return false;
    }
    match value {
        Eval::List(items) => !index
            .as_f64()
            .is_some_and(|i| i >= 0.0 && (i as usize) < items.len()),
        Eval::Object(fields) => !index
            .to_template_string()
            .is_some_and(|key| fields.contains_key(&key)),
        _ => true,
    }
}

/// Whether a binary operation failed on known operands of the wrong type
/// (rather than on an unknown one).
fn type_error(op: BinaryOperator, lhs: &Eval, rhs: &Eval) -> bool {
    use BinaryOperator::*;
    if !lhs.is_known() || !rhs.is_known() {
        return false;
    }
    match op {
        And | Or => !matches!((lhs, rhs), (Eval::Bool(_), Eval::Bool(_))),
        Eq | NotEq => false,
        // Division by zero is an error too, but a value-dependent one.
        _ => lhs.as_f64().is_none() || rhs.as_f64().is_none(),
    }
}

/// The strings "true" and "false" as the bools Terraform converts them to;
/// any other value as it is.
pub(crate) fn as_bool(value: Eval) -> Eval {
    match value {
        Eval::String(s) if s == "true" => Eval::Bool(true),
        Eval::String(s) if s == "false" => Eval::Bool(false),
        other => other,
    }
}

fn binary(op: BinaryOperator, lhs: &Eval, rhs: &Eval) -> Eval {
    use BinaryOperator::*;
    match op {
        And | Or => match (lhs, rhs) {
            (Eval::Bool(a), Eval::Bool(b)) => {
                Eval::Bool(if op == And { *a && *b } else { *a || *b })
            }
            // Short-circuit values are known even when the other side is not.
            (Eval::Bool(false), _) | (_, Eval::Bool(false)) if op == And => Eval::Bool(false),
            (Eval::Bool(true), _) | (_, Eval::Bool(true)) if op == Or => Eval::Bool(true),
            _ => Eval::Unknown,
        },
        Eq | NotEq => {
            // A list, object or JSON text is never null, whatever unknown
            // values it holds: `local.rules != null ? ... : {}` is decided.
            if let (Eval::Null, Eval::List(_) | Eval::Object(_) | Eval::JsonText(_))
            | (Eval::List(_) | Eval::Object(_) | Eval::JsonText(_), Eval::Null) = (lhs, rhs)
            {
                return Eval::Bool(op == NotEq);
            }
            if !lhs.is_known() || !rhs.is_known() {
                return Eval::Unknown;
            }
            let equal = match (lhs.as_f64(), rhs.as_f64(), lhs, rhs) {
                (Some(a), Some(b), Eval::Number(_), Eval::Number(_)) => a == b,
                _ => lhs == rhs,
            };
            Eval::Bool(if op == Eq { equal } else { !equal })
        }
        Less | LessEq | Greater | GreaterEq | Plus | Minus | Mul | Div | Mod => {
            let (Some(a), Some(b)) = (lhs.as_f64(), rhs.as_f64()) else {
                return Eval::Unknown;
            };
            match op {
                Less => Eval::Bool(a < b),
                LessEq => Eval::Bool(a <= b),
                Greater => Eval::Bool(a > b),
                GreaterEq => Eval::Bool(a >= b),
                Plus => number(a + b),
                Minus => number(a - b),
                Mul => number(a * b),
                Div if b != 0.0 => number(a / b),
                Mod if b != 0.0 => number(a % b),
                _ => Eval::Unknown,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eval_str(
        src: &str,
        variables: &[(&str, Eval)],
        locals_src: &[(&str, &str)],
    ) -> (Eval, Trace) {
        let variables: BTreeMap<String, Eval> = variables
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect();
        let parsed: Vec<(String, Expression)> = locals_src
            .iter()
            .map(|(k, v)| {
                (
                    k.to_string(),
                    v.parse::<Expression>().expect("test local parses"),
                )
            })
            .collect();
        let locals: BTreeMap<String, &Expression> =
            parsed.iter().map(|(k, v)| (k.clone(), v)).collect();
        let scope = Scope::new(&variables, &locals);
        let expr: Expression = src.parse().expect("test expression parses");
        let mut trace = Trace::default();
        let value = scope.eval(&expr, &mut trace);
        (value, trace)
    }

    fn s(v: &str) -> Eval {
        Eval::String(v.to_string())
    }

    #[test]
    fn variables_locals_and_templates_resolve() {
        let (value, _) = eval_str(
            r#""${var.prefix}-${local.env}""#,
            &[("prefix", s("logs"))],
            &[("env", r#""prod""#)],
        );
        assert_eq!(value, s("logs-prod"));
    }

    #[test]
    fn the_strings_true_and_false_work_as_conditions_as_in_terraform() {
        let flags = Eval::Object(
            [
                ("encrypt".to_string(), s("false")),
                ("log".to_string(), s("true")),
            ]
            .into(),
        );
        let vars = [("flags", flags)];
        let (value, trace) = eval_str(r#"var.flags["encrypt"] ? "on" : "off""#, &vars, &[]);
        assert_eq!(value, s("off"));
        assert!(trace.errors.is_empty(), "{:?}", trace.errors);
        let (value, _) = eval_str(r#"!var.flags["encrypt"] && var.flags["log"]"#, &vars, &[]);
        assert_eq!(value, Eval::Bool(true));
        // Any other string is still an error.
        let (value, trace) = eval_str(r#""yes" ? 1 : 2"#, &[], &[]);
        assert_eq!(value, Eval::Unknown);
        assert_eq!(trace.errors.len(), 1);
    }

    #[test]
    fn a_collection_holding_unknowns_is_still_not_null() {
        let locals = [("rules", "{ default = \"Deny\", ips = [var.ip] }")];
        let (value, _) = eval_str("local.rules != null", &[], &locals);
        assert_eq!(value, Eval::Bool(true));
        let (value, _) = eval_str("null == [var.ip]", &[], &[]);
        assert_eq!(value, Eval::Bool(false));
        // An unknown itself may be null.
        let (value, _) = eval_str("var.ip != null", &[], &[]);
        assert_eq!(value, Eval::Unknown);
    }

    #[test]
    fn resource_references_are_unknown_and_recorded() {
        let (value, trace) = eval_str("aws_kms_key.k.arn", &[], &[]);
        assert_eq!(value, Eval::Unknown);
        assert_eq!(
            trace.references.into_iter().collect::<Vec<_>>(),
            ["aws_kms_key.k"]
        );
    }

    #[test]
    fn variable_without_default_is_unknown() {
        let (value, _) = eval_str("var.missing", &[], &[]);
        assert_eq!(value, Eval::Unknown);
    }

    #[test]
    fn local_cycles_become_unknown() {
        let variables = BTreeMap::new();
        let a: Expression = "local.b".parse().unwrap();
        let b: Expression = "local.a".parse().unwrap();
        let locals: BTreeMap<String, &Expression> = [("a".to_string(), &a), ("b".to_string(), &b)]
            .into_iter()
            .collect();
        let scope = Scope::new(&variables, &locals);
        let mut trace = Trace::default();
        assert_eq!(
            scope.eval(&"local.a".parse().unwrap(), &mut trace),
            Eval::Unknown
        );
        assert!(!scope.cycles.borrow().is_empty());
    }

    #[test]
    fn jsonencode_of_literal_map_gives_json() {
        let (value, _) = eval_str(
            r#"jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*" }] })"#,
            &[],
            &[],
        );
        let Eval::String(text) = value else {
            panic!("expected a string, got {value:?}")
        };
        let json: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(json["Statement"][0]["Action"], "*");
    }

    #[test]
    fn for_expressions_and_splats() {
        let (value, _) = eval_str(
            r#"[for name in var.names : upper(name) if name != "b"]"#,
            &[("names", Eval::List(vec![s("a"), s("b"), s("c")]))],
            &[],
        );
        assert_eq!(value, Eval::List(vec![s("A"), s("C")]));
        let (value, _) = eval_str(
            r#"{for k, v in var.m : v => k...}"#,
            &[(
                "m",
                Eval::Object([("x".to_string(), s("1")), ("y".to_string(), s("1"))].into()),
            )],
            &[],
        );
        assert_eq!(
            value,
            Eval::Object([("1".to_string(), Eval::List(vec![s("x"), s("y")]))].into())
        );
        let (value, _) = eval_str(
            "var.rules[*].port",
            &[(
                "rules",
                Eval::List(vec![
                    Eval::Object([("port".to_string(), s("22"))].into()),
                    Eval::Object([("port".to_string(), s("443"))].into()),
                ]),
            )],
            &[],
        );
        assert_eq!(value, Eval::List(vec![s("22"), s("443")]));
        // An unknown condition makes the whole result unknown.
        let (value, _) = eval_str("[for x in [1, 2] : x if var.unset]", &[], &[]);
        assert_eq!(value, Eval::Unknown);
    }

    #[test]
    fn conditionals_and_operators() {
        assert_eq!(
            eval_str("1 + 2 * 3", &[], &[]).0,
            Eval::Number(Number::from(7))
        );
        assert_eq!(
            eval_str(
                r#"var.on ? "aws:kms" : "AES256""#,
                &[("on", Eval::Bool(false))],
                &[]
            )
            .0,
            s("AES256")
        );
        assert_eq!(eval_str(r#"var.x ? 1 : 2"#, &[], &[]).0, Eval::Unknown);
        assert_eq!(eval_str("false && var.x", &[], &[]).0, Eval::Bool(false));
    }

    #[test]
    fn partly_unknown_json_keeps_its_shape_only_where_marks_sit_in_strings() {
        let shape = |src: &str| eval_str(src, &[], &[]).0;
        let object = |pairs: &[(&str, Eval)]| {
            Eval::Object(
                pairs
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.clone()))
                    .collect(),
            )
        };
        let arn = object(&[
            ("Resource", Eval::Unknown),
            ("Effect", Eval::String("Allow".into())),
        ]);
        assert_eq!(
            shape(r#"jsonencode({ Effect = "Allow", Resource = var.x })"#),
            Eval::JsonText(Box::new(arn.clone()))
        );
        assert_eq!(
            shape(r#"jsondecode(jsonencode({ Effect = "Allow", Resource = var.x }))"#),
            arn
        );
        assert_eq!(
            shape(r#""{\"Effect\": \"Allow\", \"Resource\": \"arn:${var.x}\"}""#),
            Eval::JsonText(Box::new(arn))
        );
        // Outside a string or not JSON at all: a partly known string; in a
        // key: unknown.
        let mark = UNKNOWN_MARK;
        assert_eq!(
            shape(r#""{\"Statement\": ${var.x}}""#),
            Eval::PartialText(format!("{{\"Statement\": {mark}}}"))
        );
        assert_eq!(shape(r#""{\"${var.x}\": 1}""#), Eval::Unknown);
        assert_eq!(
            shape(r#""arn:${var.x}""#),
            Eval::PartialText(format!("arn:{mark}"))
        );
        assert_eq!(shape(r#""${var.x}""#), Eval::Unknown);
        assert_eq!(
            shape(r#"format("/%s/%s_arn", var.x, "db")"#),
            Eval::PartialText(format!("/{mark}/db_arn"))
        );
        assert_eq!(shape(r#"format("/%4s/x", var.x)"#), Eval::Unknown);
        // A JSON text is a string: never null, never known.
        assert_eq!(shape(r#"jsonencode([var.x]) != null"#), Eval::Bool(true));
        assert_eq!(shape(r#"upper(jsonencode([var.x]))"#), Eval::Unknown);
    }
}
