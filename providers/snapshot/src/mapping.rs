//! The mapping from cloud API shapes to copguard's canonical Terraform
//! shapes, as data: each collector's `live.yaml` says, per canonical type,
//! which API member goes to which attribute path and how values translate.
//! Collectors only copy API members by their API names; every rename lives
//! in the data.

use serde::Deserialize;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// Per canonical type, how its API shape maps onto it.
    pub types: BTreeMap<String, TypeMapping>,
    /// Every API operation the collector may call (`service:Operation` as
    /// the AWS SDK names them, `GET Microsoft.Storage/storageAccounts` for
    /// Azure) and the permission (IAM action, Azure RBAC action) that
    /// allows it.
    pub api_calls: BTreeMap<String, String>,
    /// For REST collectors: the API version pinned per resource provider
    /// namespace (`Microsoft.Storage: 2023-05-01`).
    #[serde(default)]
    pub api_versions: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypeMapping {
    /// API path -> canonical path. `[]` walks every element of a list, and
    /// the n-th `[]` of the API path is the n-th `[]` of the canonical path;
    /// `[0]` makes a one-element block list.
    pub fields: serde_json::Map<String, Value>,
    /// Canonical path -> API value -> canonical value.
    #[serde(default)]
    pub values: BTreeMap<String, BTreeMap<String, Value>>,
}

#[derive(Debug, Clone, PartialEq)]
enum Step {
    Key(String),
    Index(usize),
    Each,
}

fn parse_path(path: &str) -> Vec<Step> {
    let mut steps = Vec::new();
    for part in path.split('.') {
        let (key, mut rest) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if !key.is_empty() {
            steps.push(Step::Key(key.to_string()));
        }
        while let Some(close) = rest.find(']') {
            let inner = &rest[1..close];
            steps.push(match inner.parse() {
                Ok(n) => Step::Index(n),
                Err(_) => Step::Each,
            });
            rest = &rest[close + 1..];
        }
    }
    steps
}

impl Mapping {
    /// A mapping from its YAML text (`name` for messages).
    pub fn from_yaml(name: &str, text: &str) -> Result<Mapping, String> {
        serde_saphyr::from_str(text).map_err(|e| format!("{name}: {e}"))
    }

    /// The canonical attributes of an API-shaped object of `resource_type`,
    /// and the canonical attributes that are unknown because the API members
    /// in `unknown_api` could not be read.
    pub fn apply(
        &self,
        resource_type: &str,
        api: &Map<String, Value>,
        unknown_api: &BTreeSet<String>,
    ) -> (Map<String, Value>, BTreeSet<String>) {
        let mut canonical = Value::Object(Map::new());
        let mut unknown = BTreeSet::new();
        let Some(mapping) = self.types.get(resource_type) else {
            return (Map::new(), unknown);
        };
        let api = Value::Object(api.clone());
        for (from, to) in &mapping.fields {
            let Some(to) = to.as_str() else { continue };
            let from_steps = parse_path(from);
            let to_steps = parse_path(to);
            if let (Some(Step::Key(api_top)), Some(Step::Key(top))) =
                (from_steps.first(), to_steps.first())
            {
                if unknown_api.contains(api_top) {
                    unknown.insert(top.clone());
                    continue;
                }
            }
            let mut found = Vec::new();
            gather(&api, &from_steps, &mut Vec::new(), &mut found);
            let translate = mapping.values.get(to);
            for (indices, value) in found {
                let value = match translate {
                    Some(table) => translate_value(table, value),
                    None => value,
                };
                write(&mut canonical, &to_steps, &indices, value);
            }
        }
        fill_holes(&mut canonical);
        match canonical {
            Value::Object(map) => (map, unknown),
            _ => (Map::new(), unknown),
        }
    }

    /// The permissions the collector needs, sorted and without repeats.
    pub fn permissions(&self) -> Vec<String> {
        let actions: BTreeSet<&String> = self.api_calls.values().collect();
        actions.into_iter().cloned().collect()
    }
}

fn translate_value(table: &BTreeMap<String, Value>, value: Value) -> Value {
    let key = match &value {
        Value::String(s) => s.clone(),
        Value::Null => return value,
        other => other.to_string(),
    };
    table.get(&key).cloned().unwrap_or(value)
}

fn gather(
    value: &Value,
    steps: &[Step],
    indices: &mut Vec<usize>,
    out: &mut Vec<(Vec<usize>, Value)>,
) {
    let Some((step, rest)) = steps.split_first() else {
        if !value.is_null() {
            out.push((indices.clone(), value.clone()));
        }
        return;
    };
    match step {
        Step::Key(key) => {
            if let Some(inner) = value.get(key) {
                gather(inner, rest, indices, out);
            }
        }
        Step::Index(n) => {
            if let Some(inner) = value.get(*n) {
                gather(inner, rest, indices, out);
            }
        }
        Step::Each => {
            if let Value::Array(items) = value {
                for (i, item) in items.iter().enumerate() {
                    indices.push(i);
                    gather(item, rest, indices, out);
                    indices.pop();
                }
            }
        }
    }
}

fn write(target: &mut Value, steps: &[Step], indices: &[usize], value: Value) {
    let Some((step, rest)) = steps.split_first() else {
        *target = value;
        return;
    };
    match step {
        Step::Key(key) => {
            if !target.is_object() {
                *target = Value::Object(Map::new());
            }
            if let Value::Object(map) = target {
                let slot = map.entry(key.clone()).or_insert(Value::Null);
                write(slot, rest, indices, value);
            }
        }
        Step::Index(_) | Step::Each => {
            let (index, indices) = match step {
                Step::Index(n) => (*n, indices),
                _ => match indices.split_first() {
                    Some((first, others)) => (*first, others),
                    None => (0, indices),
                },
            };
            if !target.is_array() {
                *target = Value::Array(Vec::new());
            }
            if let Value::Array(items) = target {
                if items.len() <= index {
                    items.resize(index + 1, Value::Null);
                }
                write(&mut items[index], rest, indices, value);
            }
        }
    }
}

/// List elements that no field reached become empty objects, so a block
/// list never holds `null`.
fn fill_holes(value: &mut Value) {
    match value {
        Value::Object(map) => map.values_mut().for_each(fill_holes),
        Value::Array(items) => {
            let objects = items.iter().any(Value::is_object);
            for item in items.iter_mut() {
                if item.is_null() && objects {
                    *item = Value::Object(Map::new());
                }
                fill_holes(item);
            }
            items.retain(|item| !item.is_null());
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const SAMPLE: &str = r#"
types:
  aws_s3_bucket:
    fields:
      Name: bucket
      ServerSideEncryptionConfiguration.Rules[].ApplyServerSideEncryptionByDefault.SSEAlgorithm: server_side_encryption_configuration[0].rule[].apply_server_side_encryption_by_default[0].sse_algorithm
      Versioning.Status: versioning[0].enabled
    values:
      versioning[0].enabled: { Enabled: true, Suspended: false }
  aws_security_group:
    fields:
      IpPermissions[].IpProtocol: ingress[].protocol
      IpPermissions[].FromPort: ingress[].from_port
      IpPermissions[].IpRanges[].CidrIp: ingress[].cidr_blocks[]
      IpPermissions[].Ipv6Ranges[].CidrIpv6: ingress[].ipv6_cidr_blocks[]
api_calls:
  "S3:ListBuckets": s3:ListAllMyBuckets
"#;

    fn apply(resource_type: &str, api: Value) -> Value {
        let mapping = Mapping::from_yaml("sample", SAMPLE).unwrap();
        let (map, _) = mapping.apply(resource_type, api.as_object().unwrap(), &BTreeSet::new());
        Value::Object(map)
    }

    #[test]
    fn paths_parse_keys_indices_and_wildcards() {
        assert_eq!(
            parse_path("a[0].b[].c"),
            vec![
                Step::Key("a".into()),
                Step::Index(0),
                Step::Key("b".into()),
                Step::Each,
                Step::Key("c".into())
            ]
        );
    }

    #[test]
    fn nested_lists_and_value_tables_take_the_terraform_shape() {
        let got = apply(
            "aws_s3_bucket",
            json!({
                "Name": "logs",
                "ServerSideEncryptionConfiguration": {"Rules": [
                    {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms"}},
                    {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}
                ]},
                "Versioning": {"Status": "Suspended"},
                "Unmapped": "never copied"
            }),
        );
        assert_eq!(
            got,
            json!({
                "bucket": "logs",
                "server_side_encryption_configuration": [{"rule": [
                    {"apply_server_side_encryption_by_default": [{"sse_algorithm": "aws:kms"}]},
                    {"apply_server_side_encryption_by_default": [{"sse_algorithm": "AES256"}]}
                ]}],
                "versioning": [{"enabled": false}]
            })
        );
    }

    #[test]
    fn list_elements_map_element_by_element() {
        let got = apply(
            "aws_security_group",
            json!({
                "IpPermissions": [
                    {"IpProtocol": "tcp", "FromPort": 22,
                     "IpRanges": [{"CidrIp": "0.0.0.0/0"}, {"CidrIp": "10.0.0.0/8"}]},
                    {"IpProtocol": "-1", "Ipv6Ranges": [{"CidrIpv6": "::/0"}]}
                ]
            }),
        );
        assert_eq!(
            got["ingress"],
            json!([
                {"protocol": "tcp", "from_port": 22, "cidr_blocks": ["0.0.0.0/0", "10.0.0.0/8"]},
                {"protocol": "-1", "ipv6_cidr_blocks": ["::/0"]}
            ])
        );
    }

    #[test]
    fn unreadable_api_members_make_their_attributes_unknown() {
        let mapping = Mapping::from_yaml("sample", SAMPLE).unwrap();
        let unknown_api: BTreeSet<String> = ["Versioning".to_string()].into();
        let (map, unknown) = mapping.apply(
            "aws_s3_bucket",
            json!({"Name": "b"}).as_object().unwrap(),
            &unknown_api,
        );
        assert_eq!(map.get("bucket"), Some(&json!("b")));
        assert!(unknown.contains("versioning"));
        assert!(!map.contains_key("versioning"));
    }

    #[test]
    fn unknown_members_of_the_file_are_errors() {
        let bad = "types: {}\napi_calls: {}\nextra: 1\n";
        assert!(Mapping::from_yaml("bad", bad).unwrap_err().contains("bad"));
    }
}
