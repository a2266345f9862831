//! Normalisation: turns resources as loaded into canonical resources, driven
//! by the provider data in `providers/<name>/normalise.yaml` (format in
//! `docs/providers.md`): type aliases, copguard provider names, attributes
//! renamed across provider versions, child resources folded into their
//! parent, and JSON policy documents decoded.

mod documents;
pub mod kubernetes;

use crate::attr_path::{join_index, value_at};
use crate::model::{Diagnostic, Resource};
use crate::ScanError;
use rayon::prelude::*;
use serde::Deserialize;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// One provider's normalisation data, as written in its YAML file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProviderData {
    /// copguard's name for the provider (`aws`, `azure`, `kubernetes`).
    pub provider: String,
    /// Terraform provider local names that map to it (`aws`; `azurerm`, `azuread`).
    pub terraform_providers: Vec<String>,
    #[serde(default)]
    pub aliases: BTreeMap<String, String>,
    /// Attributes an older provider version named differently, by type:
    /// old path -> current path (`enable_https_traffic_only` ->
    /// `https_traffic_only_enabled`). Applied before folding.
    #[serde(default)]
    pub renames: BTreeMap<String, BTreeMap<String, String>>,
    /// The provider schema's type of attributes policies read, by resource
    /// type (`"*"`: every type of the provider), so a value written as a
    /// string converts as Terraform converts it (`encrypted = "true"`).
    /// Paths may use `[]` for every element of a block list.
    #[serde(default)]
    pub types: BTreeMap<String, BTreeMap<String, AttributeType>>,
    #[serde(default)]
    pub documents: Vec<DocumentRule>,
    #[serde(default)]
    pub folds: Vec<FoldRule>,
    #[serde(default)]
    pub links: Vec<LinkRule>,
    /// Settings that apply to every resource of some types in the same
    /// configuration (an account or region default such as EBS encryption
    /// by default): those resources are related to the setting.
    #[serde(default)]
    pub account_settings: Vec<AccountSetting>,
    /// Kubernetes manifests: workload kinds, cluster-scoped kinds, the
    /// suppression annotation.
    #[serde(default)]
    pub kubernetes: Option<kubernetes::KubernetesData>,
}

/// A resource that names another by a literal value (a bucket by its name):
/// becomes a reference, so the graph has an edge between them.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkRule {
    pub from: String,
    pub attribute: String,
    pub to: String,
    /// Attributes of `to` the value may equal.
    pub keys: Vec<String>,
}

/// A resource whose setting applies to every resource of `applies_to` in
/// its configuration.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccountSetting {
    pub setting: String,
    pub applies_to: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentRule {
    #[serde(rename = "type")]
    pub resource_type: String,
    pub attribute: String,
    pub format: DocumentFormat,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum DocumentFormat {
    /// An AWS IAM policy document (JSON).
    IamPolicy,
}

#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum FoldMode {
    /// The child becomes one more element of the parent's block list `into`.
    #[default]
    Block,
    /// The child's attribute `from` becomes the parent's attribute `into`.
    Attribute,
}

/// How a child resource type folds into its parent type.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FoldRule {
    pub child: String,
    pub parent: String,
    /// The child's attribute that names its parent, by reference or value.
    pub link: String,
    /// Parent attributes that a literal `link` value may equal (a bucket name).
    #[serde(default)]
    pub parent_keys: Vec<String>,
    /// Parent attribute the child folds into.
    #[serde(default)]
    pub into: Option<String>,
    /// Or: the child's attribute whose value names the parent attribute.
    #[serde(default)]
    pub into_by: Option<String>,
    /// The values `into_by` may take.
    #[serde(default)]
    pub into_values: Vec<String>,
    #[serde(default, rename = "as")]
    pub mode: FoldMode,
    /// With `as: attribute`, the child's attribute to take.
    #[serde(default)]
    pub from: Option<String>,
    /// Child attribute paths renamed to keys of the folded element.
    #[serde(default)]
    pub rename: BTreeMap<String, String>,
    /// Value translations for renamed keys (`Enabled` -> `true`).
    #[serde(default)]
    pub values: BTreeMap<String, BTreeMap<String, Value>>,
    /// Keys whose scalar value becomes a one-element list.
    #[serde(default)]
    pub wrap: Vec<String>,
    /// Child attributes left out of the folded element.
    #[serde(default)]
    pub drop: Vec<String>,
}

/// All providers' normalisation data, indexed for lookup.
pub struct Normaliser {
    provider_names: HashMap<String, String>,
    aliases: HashMap<String, String>,
    renames: HashMap<String, Vec<(String, String)>>,
    /// (provider, resource type or `*`) -> attribute path -> type.
    types: HashMap<(String, String), Vec<(String, AttributeType)>>,
    documents: HashMap<String, Vec<(String, DocumentFormat)>>,
    folds: HashMap<String, FoldRule>,
    links: Vec<LinkRule>,
    account_settings: Vec<AccountSetting>,
    kubernetes: kubernetes::KubernetesData,
}

impl Normaliser {
    /// The provider data embedded in the binary.
    pub fn builtin() -> Result<Normaliser, ScanError> {
        let mut providers = Vec::new();
        for (path, text) in crate::embedded::PROVIDER_FILES {
            let data: ProviderData =
                serde_saphyr::from_str(text).map_err(|error| ScanError::ProviderData {
                    path: (*path).to_string(),
                    message: error.to_string(),
                })?;
            providers.push(data);
        }
        Ok(Normaliser::new(providers))
    }

    pub fn new(providers: Vec<ProviderData>) -> Normaliser {
        let mut normaliser = Normaliser {
            provider_names: HashMap::new(),
            aliases: HashMap::new(),
            renames: HashMap::new(),
            types: HashMap::new(),
            documents: HashMap::new(),
            folds: HashMap::new(),
            links: Vec::new(),
            account_settings: Vec::new(),
            kubernetes: kubernetes::KubernetesData::default(),
        };
        for data in providers {
            for name in &data.terraform_providers {
                normaliser
                    .provider_names
                    .insert(name.clone(), data.provider.clone());
            }
            normaliser.aliases.extend(data.aliases);
            for (resource_type, types) in data.types {
                normaliser
                    .types
                    .entry((data.provider.clone(), resource_type))
                    .or_default()
                    .extend(types);
            }
            for (resource_type, renames) in data.renames {
                normaliser
                    .renames
                    .entry(resource_type)
                    .or_default()
                    .extend(renames);
            }
            for rule in data.documents {
                normaliser
                    .documents
                    .entry(rule.resource_type)
                    .or_default()
                    .push((rule.attribute, rule.format));
            }
            for rule in data.folds {
                normaliser.folds.insert(rule.child.clone(), rule);
            }
            normaliser.links.extend(data.links);
            normaliser.account_settings.extend(data.account_settings);
            if let Some(k8s) = data.kubernetes {
                normaliser.kubernetes.merge(k8s);
            }
        }
        normaliser
    }

    /// Adds workload kinds and the paths of their pod templates
    /// (`kubernetes-workloads` in `.copguard.yaml`).
    pub fn add_kubernetes_workloads(&mut self, workloads: &BTreeMap<String, String>) {
        self.kubernetes.add_workloads(workloads);
    }

    /// What the Kubernetes loader needs to know (which kinds have no namespace).
    pub fn kubernetes(&self) -> &kubernetes::KubernetesData {
        &self.kubernetes
    }

    /// Canonical resources from loaded ones. Folded children disappear into
    /// their parent; the rest keep their order.
    pub fn normalise(
        &self,
        mut resources: Vec<Resource>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Vec<Resource> {
        // Per resource and independent of the others: in parallel.
        resources.par_iter_mut().for_each(|resource| {
            if let Some(canonical) = self.aliases.get(&resource.resource_type) {
                resource.resource_type = canonical.clone();
            }
            if let Some(provider) = self.provider_names.get(&resource.provider) {
                resource.provider = provider.clone();
            }
            for (old, new) in self
                .renames
                .get(&resource.resource_type)
                .into_iter()
                .flatten()
            {
                rename_attribute(resource, old, new);
            }
            // Snapshots and plans carry typed values already; Terraform
            // source may write `"true"` for a bool.
            if resource.live.is_none() {
                for key in [resource.resource_type.as_str(), "*"] {
                    let table = self
                        .types
                        .get(&(resource.provider.clone(), key.to_string()));
                    for (path, kind) in table.into_iter().flatten() {
                        let segments: Vec<&str> = path.split('.').collect();
                        convert_at(&mut resource.attributes, &segments, *kind);
                    }
                }
            }
        });

        let folded = self.fold(&mut resources);
        let mut resources: Vec<Resource> = resources
            .into_iter()
            .enumerate()
            .filter(|(i, _)| !folded.contains(i))
            .map(|(_, r)| r)
            .collect();

        self.link(&mut resources);
        kubernetes::normalise(&self.kubernetes, &mut resources, diagnostics);
        // Per resource again; diagnostics in resource order.
        let decoded: Vec<Vec<Diagnostic>> = resources
            .par_iter_mut()
            .map(|resource| {
                let mut found = Vec::new();
                if let Some(rules) = self.documents.get(&resource.resource_type) {
                    for (attribute, format) in rules {
                        documents::decode(resource, attribute, *format, &mut found);
                    }
                }
                documents::forget_unknown_shapes(resource);
                found
            })
            .collect();
        diagnostics.extend(decoded.into_iter().flatten());
        resources
    }

    /// Adds a reference for each link by literal value.
    fn link(&self, resources: &mut [Resource]) {
        // The account a live resource was read from: a setting of one
        // account never applies to another's resources, nor a setting in a
        // Terraform configuration to a live account's (or the reverse).
        let account = |r: &Resource| r.live.as_ref().map(|live| live.account.clone());
        for rule in &self.account_settings {
            type Setting = (String, Option<std::sync::Arc<str>>, Option<String>);
            let settings: Vec<Setting> = resources
                .iter()
                .filter(|r| r.resource_type == rule.setting)
                .map(|r| (r.address.clone(), r.namespace.clone(), account(r)))
                .collect();
            for resource in resources
                .iter_mut()
                .filter(|r| rule.applies_to.contains(&r.resource_type))
            {
                let resource_account = account(resource);
                for (address, namespace, setting_account) in &settings {
                    if crate::model::namespaces_meet(namespace, &resource.namespace)
                        && *setting_account == resource_account
                    {
                        resource.references.push(crate::model::Reference {
                            path: ACCOUNT_SETTING.to_string(),
                            target: address.clone(),
                        });
                    }
                }
            }
        }
        for rule in &self.links {
            let targets: Vec<(String, String, Option<std::sync::Arc<str>>)> = resources
                .iter()
                .filter(|r| r.resource_type == rule.to)
                .flat_map(|r| {
                    rule.keys.iter().filter_map(move |key| {
                        let value = r.attributes.get(key)?.as_str()?;
                        Some((value.to_string(), r.address.clone(), r.namespace.clone()))
                    })
                })
                .collect();
            for resource in resources
                .iter_mut()
                .filter(|r| r.resource_type == rule.from)
            {
                let Some(value) = resource
                    .attributes
                    .get(&rule.attribute)
                    .and_then(Value::as_str)
                else {
                    continue;
                };
                for (_, target, _) in targets.iter().filter(|(key, _, namespace)| {
                    key == value && crate::model::namespaces_meet(namespace, &resource.namespace)
                }) {
                    resource.references.push(crate::model::Reference {
                        path: rule.attribute.clone(),
                        target: target.clone(),
                    });
                }
            }
        }
    }

    /// Folds children into parents; returns the indices of folded children.
    fn fold(&self, resources: &mut [Resource]) -> BTreeSet<usize> {
        let by_address: HashMap<(Option<std::sync::Arc<str>>, String), usize> = resources
            .iter()
            .enumerate()
            .map(|(i, r)| ((r.namespace.clone(), r.address.clone()), i))
            .collect();
        let mut folded = BTreeSet::new();
        // (parent type, module prefix, attribute) a child of unknown parent
        // may have folded into.
        type Place = (Option<std::sync::Arc<str>>, String, String, String);
        let mut maybe_folded: BTreeSet<Place> = BTreeSet::new();
        for child_index in 0..resources.len() {
            let Some(rule) = self.folds.get(&resources[child_index].resource_type) else {
                continue;
            };
            let parent = find_parent(resources, &by_address, child_index, rule);
            let target = rule.into.clone().or_else(|| {
                let key = rule.into_by.as_ref()?;
                let value = resources[child_index].attributes.get(key)?.as_str()?;
                rule.into_values
                    .iter()
                    .any(|v| v == value)
                    .then(|| value.to_string())
            });
            match (parent, target) {
                (Some(parent_index), Some(into)) if parent_index != child_index => {
                    // The parent written, the child read: disjoint borrows
                    // of the slice (a clone of every child cost 10% of the
                    // stage).
                    let (parent, child) = if parent_index < child_index {
                        let (before, after) = resources.split_at_mut(child_index);
                        (&mut before[parent_index], &after[0])
                    } else {
                        let (before, after) = resources.split_at_mut(parent_index);
                        (&mut after[0], &before[child_index])
                    };
                    fold_into(parent, child, rule, &into);
                    folded.insert(child_index);
                }
                (None, Some(into)) if resources[child_index].unknown.contains(&rule.link) => {
                    // Which parent it belongs to is known only after apply
                    // (`bucket = var.name`): any parent of its module may
                    // have it, so none can be said to lack it.
                    let child = &resources[child_index];
                    maybe_folded.insert((
                        child.namespace.clone(),
                        rule.parent.clone(),
                        module_prefix(&child.address, &child.resource_type).to_string(),
                        into,
                    ));
                    reshape_standalone(&mut resources[child_index], rule);
                }
                _ => reshape_standalone(&mut resources[child_index], rule),
            }
        }
        for resource in resources.iter_mut() {
            for (namespace, parent_type, prefix, into) in &maybe_folded {
                if &resource.resource_type == parent_type
                    && &resource.namespace == namespace
                    && module_prefix(&resource.address, &resource.resource_type) == prefix
                    && !resource.attributes.contains_key(into)
                {
                    resource.unknown.insert(into.clone());
                }
            }
        }
        folded
    }
}

/// Moves the attribute at path `old` to path `new`, creating the blocks
/// `new` passes through (`api_server_access_profile[0]`), with its source
/// locations, unknown paths, value origins and references; blocks `old`
/// leaves empty are removed. Nothing changes when `old` is not set, when
/// `new` already is (a configuration that sets both keeps both), or when
/// `new` cannot be placed (a block on its way is unknown). A `new` that is
/// only unknown gives way to a known `old`: a plan made during a deprecation
/// window shows the name the configuration did not set as known after apply.
fn rename_attribute(resource: &mut Resource, old: &str, new: &str) {
    use crate::attr_path::{parent, segments};
    let Some(value) = value_at(&resource.attributes, old).cloned() else {
        return;
    };
    let under = |prefix: &str, path: &str| {
        path.strip_prefix(prefix)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
    };
    match value_at(&resource.attributes, new) {
        Some(Value::Null) if !value.is_null() => {
            let mut root = Value::Object(std::mem::take(&mut resource.attributes));
            remove_value(&mut root, &segments(new));
            if let Value::Object(attributes) = root {
                resource.attributes = attributes;
            }
            resource.unknown.retain(|path| !under(new, path));
            resource
                .attribute_locations
                .retain(|path, _| !under(new, path));
            resource.value_origins.retain(|path, _| !under(new, path));
            resource.references.retain(|r| !under(new, &r.path));
        }
        Some(_) => return,
        None => {}
    }
    let mut root = Value::Object(std::mem::take(&mut resource.attributes));
    let placed = place_value(&mut root, &segments(new), value).is_ok();
    if placed {
        remove_value(&mut root, &segments(old));
    }
    if let Value::Object(attributes) = root {
        resource.attributes = attributes;
    }
    if !placed {
        return;
    }

    let moved = |path: &str| -> Option<String> {
        under(old, path).then(|| format!("{new}{}", &path[old.len()..]))
    };
    let old_location = resource.location_of(old).cloned();
    resource.attribute_locations = std::mem::take(&mut resource.attribute_locations)
        .into_iter()
        .map(|(path, location)| (moved(&path).unwrap_or(path), location))
        .collect();
    resource.unknown = std::mem::take(&mut resource.unknown)
        .into_iter()
        .map(|path| moved(&path).unwrap_or(path))
        .collect();
    resource.value_origins = std::mem::take(&mut resource.value_origins)
        .into_iter()
        .map(|(path, origins)| (moved(&path).unwrap_or(path), origins))
        .collect();
    for reference in &mut resource.references {
        if let Some(path) = moved(&reference.path) {
            reference.path = path;
        }
    }
    // Blocks created on the way point where the old attribute was written;
    // blocks the old attribute left empty are gone.
    if let Some(location) = old_location {
        let mut path = parent(new);
        while let Some(p) = path {
            resource
                .attribute_locations
                .entry(p.to_string())
                .or_insert_with(|| location.clone());
            path = parent(p);
        }
    }
    let mut path = parent(old);
    while let Some(p) = path {
        if value_at(&resource.attributes, p).is_none() {
            resource.attribute_locations.remove(p);
            resource.unknown.remove(p);
        }
        path = parent(p);
    }
}

/// Sets the value at a path that is not set yet, creating the objects and
/// one-element block lists on the way; on failure nothing is left changed.
fn place_value(
    target: &mut Value,
    path: &[crate::attr_path::PathSegment<'_>],
    value: Value,
) -> Result<(), Value> {
    use crate::attr_path::PathSegment;
    let Some((first, rest)) = path.split_first() else {
        return Err(value);
    };
    let empty = || match rest.first() {
        Some(PathSegment::Index(_)) => Value::Array(Vec::new()),
        _ => Value::Object(Map::new()),
    };
    match (first, target) {
        (PathSegment::Key(key), Value::Object(map)) => {
            if rest.is_empty() {
                if map.contains_key(*key) {
                    return Err(value);
                }
                map.insert((*key).to_string(), value);
                return Ok(());
            }
            let created = !map.contains_key(*key);
            let child = map.entry((*key).to_string()).or_insert_with(empty);
            let placed = place_value(child, rest, value);
            if placed.is_err() && created {
                map.remove(*key);
            }
            placed
        }
        (PathSegment::Index(i), Value::Array(items)) if !rest.is_empty() && *i <= items.len() => {
            let created = *i == items.len();
            if created {
                items.push(empty());
            }
            let placed = place_value(&mut items[*i], rest, value);
            if placed.is_err() && created {
                items.pop();
            }
            placed
        }
        _ => Err(value),
    }
}

/// Removes the value at a path, and then each block it leaves empty (a
/// block list only when that block was its only element, so no index moves).
fn remove_value(target: &mut Value, path: &[crate::attr_path::PathSegment<'_>]) {
    use crate::attr_path::PathSegment;
    let Some((first, rest)) = path.split_first() else {
        return;
    };
    let is_empty = |v: &Value| match v {
        Value::Object(map) => map.is_empty(),
        Value::Array(items) => items.is_empty(),
        _ => false,
    };
    match (first, target) {
        (PathSegment::Key(key), Value::Object(map)) => {
            if rest.is_empty() {
                map.remove(*key);
            } else if let Some(child) = map.get_mut(*key) {
                remove_value(child, rest);
                if is_empty(child) {
                    map.remove(*key);
                }
            }
        }
        (PathSegment::Index(i), Value::Array(items)) if *i < items.len() => {
            if !rest.is_empty() {
                remove_value(&mut items[*i], rest);
            }
            if items.len() == 1 && (rest.is_empty() || is_empty(&items[0])) {
                items.clear();
            }
        }
        _ => {}
    }
}

/// The `path` of a reference to an account setting (`related[].path`).
pub const ACCOUNT_SETTING: &str = "(account setting)";

/// A type of the provider schema that Terraform converts strings to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AttributeType {
    Bool,
    Number,
}

/// Converts the string values at `path` (`[]`: every element) to `kind`, as
/// Terraform does; a string it cannot convert stays (Terraform rejects it).
fn convert_at(map: &mut Map<String, Value>, path: &[&str], kind: AttributeType) {
    let Some((first, rest)) = path.split_first() else {
        return;
    };
    let (key, every) = match first.strip_suffix("[]") {
        Some(key) => (key, true),
        None => (*first, false),
    };
    let Some(value) = map.get_mut(key) else {
        return;
    };
    let targets: Vec<&mut Value> = match (every, value) {
        (true, Value::Array(items)) => items.iter_mut().collect(),
        (true, _) => return,
        (false, value) => vec![value],
    };
    for target in targets {
        if rest.is_empty() {
            convert_value(target, kind);
        } else if let Value::Object(inner) = target {
            convert_at(inner, rest, kind);
        }
    }
}

fn convert_value(value: &mut Value, kind: AttributeType) {
    let Value::String(text) = value else {
        return;
    };
    let converted = match kind {
        AttributeType::Bool => match text.as_str() {
            "true" => Some(Value::Bool(true)),
            "false" => Some(Value::Bool(false)),
            _ => None,
        },
        AttributeType::Number => text
            .trim()
            .parse::<i64>()
            .map(Value::from)
            .ok()
            .or_else(|| {
                text.trim()
                    .parse::<f64>()
                    .ok()
                    .and_then(serde_json::Number::from_f64)
                    .map(Value::Number)
            }),
    };
    if let Some(converted) = converted {
        *value = converted;
    }
}

/// The module part of an address: `module.a["x"].` of
/// `module.a["x"].aws_s3_bucket.b`, empty for a root resource.
fn module_prefix<'a>(address: &'a str, resource_type: &str) -> &'a str {
    address
        .rfind(&format!("{resource_type}."))
        .map_or("", |at| &address[..at])
}

fn find_parent(
    resources: &[Resource],
    by_address: &HashMap<(Option<std::sync::Arc<str>>, String), usize>,
    child_index: usize,
    rule: &FoldRule,
) -> Option<usize> {
    let child = &resources[child_index];
    let by_reference = child
        .references
        .iter()
        .filter(|r| r.path == rule.link)
        .find_map(|r| {
            // The exact instance, or the only instance of the block.
            by_address
                .get(&(child.namespace.clone(), r.target.clone()))
                .copied()
                .or_else(|| {
                    let mut instances = resources.iter().enumerate().filter(|(_, p)| {
                        crate::graph::block_address(&p.address) == r.target
                            && p.same_namespace(child)
                    });
                    match (instances.next(), instances.next()) {
                        (Some((i, _)), None) => Some(i),
                        _ => None,
                    }
                })
        })
        .filter(|&i| resources[i].resource_type == rule.parent);
    if by_reference.is_some() {
        return by_reference;
    }
    let name = child.attributes.get(&rule.link)?.as_str()?;
    resources.iter().position(|candidate| {
        candidate.resource_type == rule.parent
            && candidate.same_namespace(child)
            && rule
                .parent_keys
                .iter()
                .any(|key| candidate.attributes.get(key).and_then(Value::as_str) == Some(name))
    })
}

/// Where a child attribute path lands in the folded element, if it does.
fn element_path(rule: &FoldRule, path: &str) -> Option<String> {
    for (source, target) in &rule.rename {
        if let Some(rest) = path.strip_prefix(source.as_str()) {
            if rest.is_empty() || rest.starts_with(['.', '[']) {
                return Some(format!("{target}{rest}"));
            }
        }
    }
    let top = path.split(['.', '[']).next().unwrap_or(path);
    let dropped = top == rule.link
        || rule.drop.iter().any(|d| d == top)
        || rule.into_by.as_deref() == Some(top);
    (!dropped).then(|| path.to_string())
}

/// The child's attributes in the shape of a folded element.
fn element(rule: &FoldRule, child: &Resource) -> Map<String, Value> {
    let mut element = Map::new();
    for (key, value) in &child.attributes {
        if element_path(rule, key).as_deref() == Some(key.as_str()) {
            element.insert(key.clone(), value.clone());
        }
    }
    apply_renames(rule, &child.attributes, &mut element);
    element
}

fn apply_renames(rule: &FoldRule, source: &Map<String, Value>, element: &mut Map<String, Value>) {
    for (from, to) in &rule.rename {
        if let Some(value) = value_at(source, from) {
            let translated = match (value, rule.values.get(to)) {
                (Value::String(s), Some(table)) => table.get(s).cloned().unwrap_or(value.clone()),
                _ => value.clone(),
            };
            element.insert(to.clone(), translated);
        }
        if !from.contains(['.', '[']) && from != to {
            element.remove(from);
        }
    }
    for key in &rule.wrap {
        if let Some(value) = element.get_mut(key) {
            if !value.is_array() && !value.is_null() {
                *value = Value::Array(vec![value.take()]);
            }
        }
    }
}

fn fold_into(parent: &mut Resource, child: &Resource, rule: &FoldRule, into: &str) {
    parent.folded.push(child.address.clone());
    let prefix = match rule.mode {
        FoldMode::Attribute => {
            let from = rule.from.as_deref().unwrap_or(into);
            if let Some(value) = child.attributes.get(from) {
                parent.attributes.insert(into.to_string(), value.clone());
            }
            let location = child.location_of(from).unwrap_or(&child.location).clone();
            parent
                .attribute_locations
                .insert(into.to_string(), location);
            parent
                .folded_at
                .push((into.to_string(), child.address.clone()));
            reroot(parent, child, |path| {
                path.strip_prefix(from)
                    .filter(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
                    .map(|rest| format!("{into}{rest}"))
            });
            return;
        }
        FoldMode::Block => {
            let items = parent
                .attributes
                .entry(into.to_string())
                .or_insert_with(|| Value::Array(Vec::new()));
            if !items.is_array() {
                *items = Value::Array(Vec::new());
            }
            let index = items.as_array().map_or(0, Vec::len);
            if let Value::Array(items) = items {
                items.push(Value::Object(element(rule, child)));
            }
            join_index(into, index)
        }
    };
    parent
        .attribute_locations
        .entry(into.to_string())
        .or_insert_with(|| child.location.clone());
    parent
        .attribute_locations
        .insert(prefix.clone(), child.location.clone());
    parent
        .folded_at
        .push((prefix.clone(), child.address.clone()));
    reroot(parent, child, |path| {
        element_path(rule, path).map(|p| crate::attr_path::join_path(&prefix, &p))
    });
}

/// Moves the child's locations, unknowns (with what is known of them),
/// origins and references under the parent.
fn reroot(parent: &mut Resource, child: &Resource, map: impl Fn(&str) -> Option<String>) {
    for (path, location) in &child.attribute_locations {
        if let Some(new) = map(path) {
            parent.attribute_locations.insert(new, location.clone());
        }
    }
    for path in &child.unknown {
        if let Some(new) = map(path) {
            parent.unknown.insert(new);
        }
    }
    for (path, origins) in &child.value_origins {
        if let Some(new) = map(path) {
            parent.value_origins.insert(new, origins.clone());
        }
    }
    for (path, text) in &child.partial_text {
        if let Some(new) = map(path) {
            parent.partial_text.insert(new, text.clone());
        }
    }
    for (path, modules) in &child.unloaded_modules {
        if let Some(new) = map(path) {
            parent.unloaded_modules.insert(new, modules.clone());
        }
    }
    for reference in &child.references {
        if let Some(new) = map(&reference.path) {
            parent.references.push(crate::model::Reference {
                path: new,
                target: reference.target.clone(),
            });
        }
    }
}

/// A child with no parent in the scan keeps its type, with the element's
/// renames applied so policies see the same attribute names either way.
fn reshape_standalone(child: &mut Resource, rule: &FoldRule) {
    if rule.mode == FoldMode::Attribute || (rule.rename.is_empty() && rule.wrap.is_empty()) {
        return;
    }
    let original = child.attributes.clone();
    apply_renames(rule, &original, &mut child.attributes);
    let renamed: Vec<(String, String)> = child
        .attribute_locations
        .keys()
        .filter_map(|path| {
            let new = element_path(rule, path)?;
            (new != *path).then(|| (path.clone(), new))
        })
        .collect();
    for (old, new) in renamed {
        if let Some(location) = child.attribute_locations.get(&old).cloned() {
            child.attribute_locations.insert(new, location);
        }
        if child.unknown.remove(&old) {
            child
                .unknown
                .insert(element_path(rule, &old).unwrap_or(old));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sources::{terraform, SourceFile};

    fn normalised(text: &str) -> Vec<Resource> {
        let file = SourceFile {
            display: "main.tf".into(),
            text: text.into(),
        };
        let module = terraform::load_module(std::slice::from_ref(&file));
        let mut diagnostics = Vec::new();
        Normaliser::builtin()
            .expect("built-in provider data parses")
            .normalise(module.resources, &mut diagnostics)
    }

    #[test]
    fn separate_encryption_resource_folds_into_bucket() {
        let resources = normalised(
            r#"
resource "aws_s3_bucket" "logs" {
  bucket = "logs"
}
resource "aws_s3_bucket_server_side_encryption_configuration" "logs" {
  bucket = aws_s3_bucket.logs.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.k.arn
    }
  }
}
"#,
        );
        assert_eq!(resources.len(), 1);
        let bucket = &resources[0];
        let sse = &bucket.attributes["server_side_encryption_configuration"][0];
        assert_eq!(
            sse["rule"][0]["apply_server_side_encryption_by_default"][0]["sse_algorithm"],
            "aws:kms"
        );
        assert!(sse.get("bucket").is_none());
        let path = "server_side_encryption_configuration[0].rule[0].apply_server_side_encryption_by_default[0].kms_master_key_id";
        assert!(bucket.unknown.contains(path), "{:?}", bucket.unknown);
        assert_eq!(
            bucket.attribute_locations["server_side_encryption_configuration[0]"].start_line,
            5
        );
        assert!(bucket
            .references
            .iter()
            .any(|r| r.target == "aws_kms_key.k" && r.path == path));
        assert_eq!(
            bucket.folded,
            vec!["aws_s3_bucket_server_side_encryption_configuration.logs"]
        );
    }

    #[test]
    fn bucket_acl_and_ownership_controls_fold_and_an_account_block_relates() {
        let resources = normalised(
            r#"
resource "aws_s3_bucket" "b" { bucket = "cdr" }
resource "aws_s3_bucket_ownership_controls" "b" {
  bucket = aws_s3_bucket.b.id
  rule { object_ownership = "ObjectWriter" }
}
resource "aws_s3_bucket_acl" "b" {
  bucket                = "cdr"
  acl                   = "private"
  expected_bucket_owner = "111122223333"
}
resource "aws_s3_account_public_access_block" "account" {
  block_public_acls = true
}
"#,
        );
        let bucket = resources
            .iter()
            .find(|r| r.resource_type == "aws_s3_bucket")
            .unwrap();
        assert_eq!(
            bucket.attributes["ownership_controls"][0]["rule"][0]["object_ownership"],
            "ObjectWriter"
        );
        assert_eq!(bucket.attributes["bucket_acl"][0]["acl"], "private");
        assert!(bucket.attributes["bucket_acl"][0]
            .get("expected_bucket_owner")
            .is_none());
        assert_eq!(
            bucket.attribute_locations["bucket_acl[0].acl"].start_line,
            9
        );
        assert!(bucket.references.iter().any(|r| r.path == ACCOUNT_SETTING
            && r.target == "aws_s3_account_public_access_block.account"));
    }

    #[test]
    fn an_account_setting_applies_only_in_its_own_account() {
        let located = |address: &str, kind: &str, account: Option<&str>| {
            let mut r = Resource::new(
                address.to_string(),
                kind,
                "aws",
                crate::model::Location::file_start(&"s.json".into()),
            );
            r.live = account.map(|account| crate::model::LiveOrigin {
                provider: "aws".into(),
                account: account.into(),
                region: "global".into(),
                arn: None,
            });
            r
        };
        let resources = vec![
            located("arn:aws:s3:::a", "aws_s3_bucket", Some("111111111111")),
            located("arn:aws:s3:::b", "aws_s3_bucket", Some("222222222222")),
            located("aws_s3_bucket.c", "aws_s3_bucket", None),
            located(
                "pab-1",
                "aws_s3_account_public_access_block",
                Some("111111111111"),
            ),
        ];
        let mut diagnostics = Vec::new();
        let resources = Normaliser::builtin()
            .unwrap()
            .normalise(resources, &mut diagnostics);
        let related = |address: &str| {
            resources
                .iter()
                .find(|r| r.address == address)
                .unwrap()
                .references
                .iter()
                .any(|r| r.path == ACCOUNT_SETTING && r.target == "pab-1")
        };
        assert!(related("arn:aws:s3:::a"));
        assert!(!related("arn:aws:s3:::b"));
        assert!(!related("aws_s3_bucket.c"));
    }

    #[test]
    fn versioning_status_maps_to_enabled_and_literal_bucket_names_link() {
        let resources = normalised(
            r#"
resource "aws_s3_bucket" "b" { bucket = "audit" }
resource "aws_s3_bucket_versioning" "v" {
  bucket = "audit"
  versioning_configuration { status = "Enabled" }
}
"#,
        );
        assert_eq!(resources.len(), 1);
        assert_eq!(resources[0].attributes["versioning"][0]["enabled"], true);
        assert!(resources[0].attributes["versioning"][0]
            .get("versioning_configuration")
            .is_none());
        assert_eq!(
            resources[0].attribute_locations["versioning[0].enabled"].start_line,
            5
        );
    }

    #[test]
    fn security_group_rules_fold_by_type_and_vpc_rules_are_renamed() {
        let resources = normalised(
            r#"
resource "aws_security_group" "sg" { name = "web" }
resource "aws_security_group_rule" "ssh" {
  type              = "ingress"
  security_group_id = aws_security_group.sg.id
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
}
resource "aws_vpc_security_group_ingress_rule" "rdp" {
  security_group_id = aws_security_group.sg.id
  ip_protocol       = "tcp"
  from_port         = 3389
  to_port           = 3389
  cidr_ipv4         = "0.0.0.0/0"
}
resource "aws_vpc_security_group_ingress_rule" "orphan" {
  security_group_id = var.sg
  ip_protocol       = "-1"
  cidr_ipv6         = "::/0"
}
"#,
        );
        assert_eq!(resources.len(), 2);
        let ingress = resources[0].attributes["ingress"].as_array().unwrap();
        assert_eq!(ingress.len(), 2);
        assert_eq!(ingress[0]["from_port"], 22);
        assert!(ingress[0].get("type").is_none());
        assert_eq!(ingress[1]["protocol"], "tcp");
        assert_eq!(ingress[1]["cidr_blocks"], serde_json::json!(["0.0.0.0/0"]));
        assert_eq!(
            resources[0].attribute_locations["ingress[1]"].start_line,
            11
        );
        let orphan = &resources[1];
        assert_eq!(orphan.resource_type, "aws_vpc_security_group_ingress_rule");
        assert_eq!(orphan.attributes["protocol"], "-1");
        assert_eq!(
            orphan.attributes["ipv6_cidr_blocks"],
            serde_json::json!(["::/0"])
        );
        assert!(orphan.attributes.get("cidr_ipv6").is_none());
    }

    #[test]
    fn renamed_attributes_take_their_current_name_with_their_locations() {
        let resources = normalised(
            r#"
variable "public" { type = bool }
resource "azurerm_storage_account" "v3" {
  name                      = "v3"
  enable_https_traffic_only = false
  allow_blob_public_access  = var.public
}
resource "azurerm_storage_account" "both" {
  name                       = "both"
  enable_https_traffic_only  = false
  https_traffic_only_enabled = true
}
"#,
        );
        let v3 = &resources[0];
        assert_eq!(v3.attributes["https_traffic_only_enabled"], false);
        assert!(v3.attributes.get("enable_https_traffic_only").is_none());
        assert_eq!(
            v3.attribute_locations["https_traffic_only_enabled"].start_line,
            5
        );
        assert!(!v3
            .attribute_locations
            .contains_key("enable_https_traffic_only"));
        // An unknown value stays unknown under its new name.
        assert!(v3.attributes["allow_nested_items_to_be_public"].is_null());
        assert!(v3.unknown.contains("allow_nested_items_to_be_public"));
        assert!(!v3.unknown.contains("allow_blob_public_access"));
        assert!(v3
            .value_origins
            .contains_key("allow_nested_items_to_be_public"));
        // Both written: the current name wins, the old one is left alone.
        let both = &resources[1];
        assert_eq!(both.attributes["https_traffic_only_enabled"], true);
        assert_eq!(both.attributes["enable_https_traffic_only"], false);
    }

    #[test]
    fn renames_move_into_and_out_of_nested_blocks() {
        let resources = normalised(
            r#"
resource "azurerm_kubernetes_cluster" "aks" {
  name                            = "aks"
  api_server_authorized_ip_ranges = ["192.0.2.0/24"]
  role_based_access_control {
    enabled = true
    azure_active_directory {
      managed                = true
      admin_group_object_ids = [azuread_group.admins.object_id]
    }
  }
}
"#,
        );
        let aks = &resources[0];
        assert_eq!(
            aks.attributes["api_server_access_profile"][0]["authorized_ip_ranges"],
            serde_json::json!(["192.0.2.0/24"])
        );
        assert!(aks
            .attributes
            .get("api_server_authorized_ip_ranges")
            .is_none());
        for path in [
            "api_server_access_profile",
            "api_server_access_profile[0]",
            "api_server_access_profile[0].authorized_ip_ranges",
        ] {
            assert_eq!(aks.attribute_locations[path].start_line, 4, "{path}");
        }
        assert_eq!(aks.attributes["role_based_access_control_enabled"], true);
        let aad = &aks.attributes["azure_active_directory_role_based_access_control"][0];
        assert_eq!(aad["managed"], true);
        // The old block, left empty, is gone with its locations.
        assert!(aks.attributes.get("role_based_access_control").is_none());
        assert!(!aks
            .attribute_locations
            .keys()
            .any(|p| p.starts_with("role_based_access_control[")));
        assert_eq!(
            aks.attribute_locations["azure_active_directory_role_based_access_control[0]"]
                .start_line,
            7
        );
        let path = "azure_active_directory_role_based_access_control[0].admin_group_object_ids";
        assert!(
            aks.unknown.contains(&format!("{path}[0]")),
            "{:?}",
            aks.unknown
        );
        assert!(aks
            .references
            .iter()
            .any(|r| r.path == path && r.target == "azuread_group.admins"));
    }

    #[test]
    fn a_known_old_value_replaces_an_unknown_new_one() {
        let resources = normalised(
            r#"
resource "azurerm_key_vault" "kv" {
  enable_rbac_authorization  = false
  rbac_authorization_enabled = var.rbac
}
resource "azurerm_key_vault" "both_unknown" {
  enable_rbac_authorization  = var.old
  rbac_authorization_enabled = var.new
}
"#,
        );
        let kv = &resources[0];
        assert_eq!(kv.attributes["rbac_authorization_enabled"], false);
        assert!(kv.attributes.get("enable_rbac_authorization").is_none());
        assert!(!kv.unknown.contains("rbac_authorization_enabled"));
        assert_eq!(
            kv.attribute_locations["rbac_authorization_enabled"].start_line,
            3
        );
        // Both unknown: the current name stays as it is.
        let both = &resources[1];
        assert!(both.attributes["rbac_authorization_enabled"].is_null());
        assert!(both.unknown.contains("rbac_authorization_enabled"));
        assert!(both.attributes["enable_rbac_authorization"].is_null());
    }

    #[test]
    fn a_rename_that_cannot_be_placed_changes_nothing() {
        let resources = normalised(
            r#"
resource "azurerm_kubernetes_cluster" "aks" {
  api_server_authorized_ip_ranges = ["192.0.2.0/24"]
  dynamic "api_server_access_profile" {
    for_each = var.profiles
    content {}
  }
}
"#,
        );
        let aks = &resources[0];
        assert!(aks.attributes["api_server_access_profile"].is_null());
        assert_eq!(
            aks.attributes["api_server_authorized_ip_ranges"],
            serde_json::json!(["192.0.2.0/24"])
        );
        assert!(aks
            .attribute_locations
            .contains_key("api_server_authorized_ip_ranges"));
    }

    #[test]
    fn renames_apply_before_folds_and_nsg_rules_fold_by_name() {
        let resources = normalised(
            r#"
resource "azurerm_storage_account" "sa" { name = "telcologs" }
resource "azurerm_storage_account_network_rules" "v2" {
  storage_account_name = azurerm_storage_account.sa.name
  resource_group_name  = "rg"
  default_action       = "Deny"
}
resource "azurerm_network_security_group" "nsg" { name = "edge" }
resource "azurerm_network_security_rule" "ssh" {
  network_security_group_name = "edge"
  resource_group_name         = "rg"
  direction                   = "Inbound"
  destination_port_range      = "22"
}
"#,
        );
        assert_eq!(resources.len(), 2);
        let rules = &resources[0].attributes["network_rules"][0];
        assert_eq!(rules["default_action"], "Deny");
        assert!(rules.get("storage_account_id").is_none());
        assert!(rules.get("resource_group_name").is_none());
        let rule = &resources[1].attributes["security_rule"][0];
        assert_eq!(rule["destination_port_range"], "22");
        assert_eq!(
            resources[1].attribute_locations["security_rule[0].direction"].start_line,
            12
        );
    }
}
