//! Data residency (TSCoP 1.0 M21.04, M21.05): where each data store is.
//!
//! Runs between normalisation and the graph. A data store is a resource of
//! a type some data-residency policy covers (`data_store_region:` names the
//! attribute holding its region: `region` for AWS, `location` for Azure).
//! Its region is settled here, so policies and the inventory agree:
//! the resource's own attribute, else the resource that attribute refers to
//! (`location = azurerm_resource_group.rg.location`), else the region of the
//! live snapshot it came from; if none is known, the attribute is unknown
//! and the residency result "unknown", never a false pass or failure.

use crate::model::{LiveOrigin, Location, Resource};
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};

/// A data store and where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DataStore {
    pub address: String,
    #[serde(rename = "type")]
    pub resource_type: String,
    pub provider: String,
    /// The region, or `None` when the code does not say (the provider's
    /// region comes from the environment, or an unset variable).
    pub region: Option<String>,
    /// Whether the region is among the allowed ones; `None` when unknown.
    pub allowed: Option<bool>,
    pub location: Location,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub live: Option<LiveOrigin>,
}

/// Settles the region attribute of every data store (see the module doc).
/// `data_stores`: type -> the attribute holding its region.
pub fn resolve_regions(resources: &mut [Resource], data_stores: &BTreeMap<String, String>) {
    if data_stores.is_empty() {
        return;
    }
    for resource in resources.iter_mut() {
        if let Some(attribute) = data_stores.get(&resource.resource_type) {
            canonicalise(resource, attribute);
        }
    }
    // Regions other resources hold, for stores that refer to them. Any type:
    // a resource group is not a data store, but holds their location.
    let known: HashMap<String, Value> = resources
        .iter()
        .filter_map(|r| {
            ["location", "region"].iter().find_map(|attribute| {
                let value = r.attributes.get(*attribute)?;
                (value.is_string() && !r.unknown.contains(*attribute))
                    .then(|| (format!("{}#{attribute}", r.address), value.clone()))
            })
        })
        .collect();
    for resource in resources.iter_mut() {
        let Some(attribute) = data_stores.get(&resource.resource_type) else {
            continue;
        };
        if is_known(resource, attribute) {
            continue;
        }
        let referenced = resource
            .references
            .iter()
            .filter(|r| r.path == *attribute)
            .find_map(|r| known.get(&format!("{}#{attribute}", r.target)));
        let from_snapshot = resource
            .live
            .as_ref()
            .filter(|live| live.region != "global")
            .map(|live| Value::String(live.region.clone()));
        match referenced.cloned().or(from_snapshot) {
            Some(region) => {
                resource.attributes.insert(attribute.clone(), region);
                resource.unknown.remove(attribute);
            }
            None => {
                resource.attributes.insert(attribute.clone(), Value::Null);
                resource.unknown.insert(attribute.clone());
            }
        }
        canonicalise(resource, attribute);
    }
}

fn is_known(resource: &Resource, attribute: &str) -> bool {
    resource
        .attributes
        .get(attribute)
        .is_some_and(Value::is_string)
        && !resource.unknown.contains(attribute)
}

/// Azure accepts a location as its display name (`UK South`) or its name
/// (`uksouth`), as azurerm does; compare by the name.
fn canonicalise(resource: &mut Resource, attribute: &str) {
    if attribute != "location" {
        return;
    }
    if let Some(Value::String(location)) = resource.attributes.get_mut(attribute) {
        *location = location
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect();
    }
}

/// Every data store of `resources`, in address order.
pub fn inventory(
    resources: &[Resource],
    data_stores: &BTreeMap<String, String>,
    allowed_regions: &[String],
) -> Vec<DataStore> {
    let mut stores: Vec<DataStore> = resources
        .iter()
        .filter_map(|resource| {
            let attribute = data_stores.get(&resource.resource_type)?;
            let region = is_known(resource, attribute)
                .then(|| {
                    resource
                        .attributes
                        .get(attribute)?
                        .as_str()
                        .map(str::to_string)
                })
                .flatten();
            Some(DataStore {
                address: resource.address.clone(),
                resource_type: resource.resource_type.clone(),
                provider: resource.provider.clone(),
                allowed: region.as_ref().map(|r| allowed_regions.contains(r)),
                region,
                location: resource.location.clone(),
                live: resource.live.clone(),
            })
        })
        .collect();
    stores.sort_by(|a, b| (&a.location.path, &a.address).cmp(&(&b.location.path, &b.address)));
    stores
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Reference;
    use std::sync::Arc;

    fn resource(address: &str, resource_type: &str, attributes: Value) -> Resource {
        let mut resource = Resource::new(
            address.to_string(),
            resource_type.to_string(),
            resource_type
                .split('_')
                .next()
                .unwrap_or_default()
                .to_string(),
            Location::file_start(&Arc::from("main.tf")),
        );
        if let Value::Object(map) = attributes {
            resource.attributes = map;
        }
        resource
    }

    fn stores() -> BTreeMap<String, String> {
        [
            ("aws_s3_bucket", "region"),
            ("azurerm_storage_account", "location"),
        ]
        .into_iter()
        .map(|(t, a)| (t.to_string(), a.to_string()))
        .collect()
    }

    #[test]
    fn regions_come_from_the_store_its_reference_or_its_snapshot() {
        let mut group = resource(
            "azurerm_resource_group.rg",
            "azurerm_resource_group",
            serde_json::json!({"location": "UK West"}),
        );
        group.unknown.clear();
        let mut account = resource(
            "azurerm_storage_account.sa",
            "azurerm_storage_account",
            serde_json::json!({"location": null}),
        );
        account.unknown.insert("location".into());
        account.references.push(Reference {
            path: "location".into(),
            target: "azurerm_resource_group.rg".into(),
        });
        let mut live = resource("arn:aws:s3:::b", "aws_s3_bucket", serde_json::json!({}));
        live.live = Some(LiveOrigin {
            provider: "aws".into(),
            account: "1".into(),
            region: "eu-west-1".into(),
            arn: None,
        });
        let bare = resource("aws_s3_bucket.bare", "aws_s3_bucket", serde_json::json!({}));
        let mut resources = vec![group, account, live, bare];
        resolve_regions(&mut resources, &stores());
        let allowed = vec!["eu-west-2".to_string(), "ukwest".to_string()];
        let found: Vec<(String, Option<String>, Option<bool>)> =
            inventory(&resources, &stores(), &allowed)
                .into_iter()
                .map(|s| (s.address, s.region, s.allowed))
                .collect();
        assert_eq!(
            found,
            vec![
                (
                    "arn:aws:s3:::b".into(),
                    Some("eu-west-1".into()),
                    Some(false)
                ),
                ("aws_s3_bucket.bare".into(), None, None),
                (
                    "azurerm_storage_account.sa".into(),
                    Some("ukwest".into()),
                    Some(true)
                ),
            ]
        );
        // The unknown region reads as unknown to policies.
        assert!(resources[3].unknown.contains("region"));
        assert!(!resources[1].unknown.contains("location"));
    }
}
