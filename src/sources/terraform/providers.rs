//! Provider configurations, for where a resource is: an AWS resource without
//! its own `region` argument lives in its provider configuration's region
//! (the AWS provider 6 gives every resource that `region` argument, with
//! the provider's as its default). Data residency (TSCoP 1.0 M21.04) needs
//! it for every data store.

use super::eval::{Eval, Scope, Trace};
use super::{label_text, ParsedFile};
use crate::model::Resource;
use hcl::edit::expr::{Expression, ObjectKey};
use hcl::edit::structure::Block;
use serde_json::Value;
use std::collections::BTreeMap;

/// Providers whose configuration holds a `region` their resources inherit.
const REGIONAL_PROVIDERS: &[&str] = &["aws"];

/// The region of each provider configuration a module instance sees, by
/// its address in that module (`aws`, `aws.west`). A configuration whose
/// region the code does not give (it comes from the environment or an
/// unset variable) maps to `Eval::Unknown`.
pub type ProviderRegions = BTreeMap<String, Eval>;

/// The configurations of a module: those it inherits, overlaid with its own
/// `provider` blocks.
pub fn module_regions(
    parsed: &[ParsedFile],
    scope: &Scope,
    inherited: &ProviderRegions,
) -> ProviderRegions {
    let mut regions = inherited.clone();
    for file in parsed {
        for block in file.body.get_blocks("provider") {
            let [name] = block.labels.as_slice() else {
                continue;
            };
            let name = label_text(name);
            if !REGIONAL_PROVIDERS.contains(&name) {
                continue;
            }
            let alias = block
                .body
                .get_attribute("alias")
                .map(|a| scope.eval(&a.value, &mut Trace::default()));
            let address = match alias {
                None => name.to_string(),
                Some(Eval::String(alias)) => format!("{name}.{alias}"),
                // An alias that cannot be read: no resource can be tied to it.
                Some(_) => continue,
            };
            let region = match block.body.get_attribute("region") {
                Some(attribute) => match scope.eval(&attribute.value, &mut Trace::default()) {
                    Eval::String(region) => Eval::String(region),
                    _ => Eval::Unknown,
                },
                None => Eval::Unknown,
            };
            regions.insert(address, region);
        }
    }
    regions
}

/// What a child module sees, from its `module` block: the configurations
/// its `providers` argument passes (`{ aws = aws.west }`), or else the
/// caller's default (unaliased) ones, as Terraform passes them implicitly.
pub fn child_regions(block: &Block, caller: &ProviderRegions) -> ProviderRegions {
    let Some(passed) = block.body.get_attribute("providers") else {
        return caller
            .iter()
            .filter(|(address, _)| !address.contains('.'))
            .map(|(address, region)| (address.clone(), region.clone()))
            .collect();
    };
    let mut regions = ProviderRegions::new();
    if let Expression::Object(object) = &passed.value {
        for (key, value) in object.iter() {
            let child_address = match key {
                ObjectKey::Ident(ident) => ident.to_string(),
                ObjectKey::Expression(expression) => expression_text(expression),
            };
            let caller_address = expression_text(value.expr());
            let region = caller
                .get(&caller_address)
                .cloned()
                .unwrap_or(Eval::Unknown);
            regions.insert(child_address, region);
        }
    }
    regions
}

fn expression_text(expression: &Expression) -> String {
    expression
        .to_string()
        .split_whitespace()
        .collect::<String>()
        .trim_matches('"')
        .to_string()
}

/// Gives a resource of a regional provider, without a `region` of its own,
/// its provider configuration's region when the code gives it.
pub fn apply_region(resource: &mut Resource, block: &Block, regions: &ProviderRegions) {
    if !REGIONAL_PROVIDERS.contains(&resource.provider.as_str())
        || resource.attributes.contains_key("region")
    {
        return;
    }
    let address = block
        .body
        .get_attribute("provider")
        .map(|a| expression_text(&a.value))
        .unwrap_or_else(|| resource.provider.clone());
    // Unknown: left unset, for the residency stage to mark on data stores
    // alone (an unknown path on a folded child would make its parent's
    // every result unknown).
    if let Some(Eval::String(region)) = regions.get(&address) {
        resource
            .attributes
            .insert("region".to_string(), Value::String(region.clone()));
    }
}
