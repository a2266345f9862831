//! Snapshots of live cloud accounts, as `copguard snapshot aws` writes them
//! (`docs/snapshot-format.md`): resources already in canonical shape, with
//! their account, region and ARN. Recognised by content (`"kind":
//! "copguard-snapshot"`), whatever the file is called. Findings point at the
//! resource's line in the snapshot file; calls that failed during
//! collection become warnings, and the attributes they would have filled
//! are unknown.

use super::{JsonLocator, SourceFile};
use crate::model::{Diagnostic, LineIndex, LiveOrigin, Location, Resource};
use serde::Deserialize;
use serde_json::{Map, Value};

/// The snapshot format versions this copguard reads.
pub const FORMAT_VERSION: u32 = 1;
const KIND: &str = "copguard-snapshot";

/// Whether a JSON text is a copguard snapshot. Textual, like
/// [`super::plan::is_plan`], so a snapshot broken mid-file is still
/// recognised and its error reported.
pub fn is_snapshot(text: &str) -> bool {
    let head: String = text.chars().take(2048).collect();
    head.trim_start().starts_with('{')
        && head.contains("\"kind\"")
        && head.contains(&format!("\"{KIND}\""))
}

#[derive(Deserialize)]
struct SnapshotFile {
    kind: String,
    format_version: u32,
    provider: String,
    account_id: String,
    #[serde(default)]
    resources: Vec<SnapshotResource>,
    #[serde(default)]
    errors: Vec<CallError>,
}

#[derive(Deserialize)]
struct SnapshotResource {
    address: String,
    #[serde(rename = "type")]
    resource_type: String,
    #[serde(default)]
    arn: Option<String>,
    #[serde(default)]
    region: Option<String>,
    #[serde(default)]
    attributes: Map<String, Value>,
    #[serde(default)]
    unknown: Vec<String>,
}

#[derive(Deserialize)]
struct CallError {
    #[serde(default)]
    service: String,
    #[serde(default)]
    region: String,
    #[serde(default)]
    api: String,
    #[serde(default)]
    message: String,
}

#[derive(Default)]
pub struct LoadedSnapshot {
    pub resources: Vec<Resource>,
    pub diagnostics: Vec<Diagnostic>,
}

pub fn load(file: &SourceFile) -> LoadedSnapshot {
    let mut out = LoadedSnapshot::default();
    let snapshot: SnapshotFile = match serde_json::from_str(&file.text) {
        Ok(snapshot) => snapshot,
        Err(error) => {
            let lines = LineIndex::new(&file.text);
            let offset = lines.offset(error.line(), error.column());
            out.diagnostics.push(Diagnostic::error(
                format!("cannot read snapshot: {error}; it was not scanned"),
                Some(lines.location(&file.display, offset..offset)),
            ));
            return out;
        }
    };
    let start = Location::file_start(&file.display);
    if snapshot.kind != KIND {
        out.diagnostics.push(Diagnostic::error(
            format!(
                "snapshot kind is {:?}, not {KIND:?}; it was not scanned",
                snapshot.kind
            ),
            Some(start),
        ));
        return out;
    }
    if snapshot.format_version == 0 || snapshot.format_version > FORMAT_VERSION {
        out.diagnostics.push(Diagnostic::error(
            format!(
                "snapshot format_version {} is not one this copguard reads (1 to {FORMAT_VERSION}); update copguard or take the snapshot again with this version",
                snapshot.format_version
            ),
            Some(start),
        ));
        return out;
    }
    let locator = JsonLocator::new(file, "\"resources\"");
    for entry in snapshot.resources {
        let location = locator.locate("address", &entry.address);
        let mut resource = Resource::new(
            entry.address,
            entry.resource_type,
            snapshot.provider.clone(),
            location,
        );
        resource.attributes = entry.attributes;
        // Unknown values are null attributes, as a plan's are.
        for path in entry.unknown {
            if !path.contains(['.', '[']) {
                resource.attributes.insert(path.clone(), Value::Null);
            }
            resource.unknown.insert(path);
        }
        resource.live = Some(LiveOrigin {
            provider: snapshot.provider.clone(),
            account: snapshot.account_id.clone(),
            region: entry.region.unwrap_or_else(|| "global".to_string()),
            arn: entry.arn,
        });
        out.resources.push(resource);
    }
    let errors_at = JsonLocator::new(file, "\"errors\"");
    for error in snapshot.errors {
        out.diagnostics.push(Diagnostic::warning(
            format!(
                "account {} was not fully collected: {} {} in {} failed ({}); what it reads is unknown",
                snapshot.account_id, error.service, error.api, error.region, error.message
            ),
            Some(errors_at.locate("api", &error.api)),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile {
            display: "s.json".into(),
            text: text.to_string(),
        }
    }

    #[test]
    fn snapshots_are_recognised_by_content() {
        assert!(is_snapshot(
            "{\n  \"kind\": \"copguard-snapshot\",\n  \"format_version\": 1"
        ));
        assert!(!is_snapshot(
            "{\"format_version\": \"1.2\", \"resource_changes\": []}"
        ));
        assert!(!is_snapshot("[\"kind\", \"copguard-snapshot\"]"));
    }

    #[test]
    fn resources_keep_their_origin_unknowns_and_line() {
        let loaded = load(&file(
            r#"{
  "kind": "copguard-snapshot",
  "format_version": 1,
  "provider": "aws",
  "account_id": "123456789012",
  "resources": [
    {
      "address": "arn:aws:s3:::b",
      "type": "aws_s3_bucket",
      "arn": "arn:aws:s3:::b",
      "region": "eu-west-2",
      "attributes": {"bucket": "b"},
      "unknown": ["versioning"]
    }
  ],
  "errors": [
    {"account": "123456789012", "service": "s3", "region": "eu-west-2", "api": "GetBucketVersioning", "message": "AccessDenied"}
  ]
}"#,
        ));
        let bucket = &loaded.resources[0];
        assert_eq!(bucket.location.start_line, 8);
        assert_eq!(bucket.attributes.get("versioning"), Some(&Value::Null));
        assert!(bucket.unknown.contains("versioning"));
        let live = bucket.live.as_ref().unwrap();
        assert_eq!(
            (live.account.as_str(), live.region.as_str()),
            ("123456789012", "eu-west-2")
        );
        assert_eq!(loaded.diagnostics.len(), 1);
        assert!(loaded.diagnostics[0]
            .message
            .contains("GetBucketVersioning"));
        assert_eq!(
            loaded.diagnostics[0].location.as_ref().unwrap().start_line,
            17
        );
    }

    #[test]
    fn broken_and_future_snapshots_are_located_errors() {
        let broken = load(&file(
            "{\"kind\": \"copguard-snapshot\", \"format_version\": 1,\n \"provider\": }",
        ));
        assert_eq!(
            broken.diagnostics[0].location.as_ref().unwrap().start_line,
            2
        );
        let future = load(&file(
            "{\"kind\": \"copguard-snapshot\", \"format_version\": 99, \"provider\": \"aws\", \"account_id\": \"1\"}",
        ));
        assert!(future.diagnostics[0].message.contains("format_version 99"));
        assert!(future.resources.is_empty());
    }
}
