//! The AWS mapping data (`live.yaml`), tested as API shape in, canonical
//! shape out.

use super::*;
use serde_json::json;
use std::collections::BTreeSet;

fn apply(resource_type: &str, api: Value) -> Value {
    let mapping = builtin_mapping().expect("live.yaml loads");
    let (map, _) = mapping.apply(resource_type, api.as_object().unwrap(), &BTreeSet::new());
    Value::Object(map)
}

#[test]
fn bucket_encryption_and_versioning_take_the_terraform_shape() {
    let got = apply(
        "aws_s3_bucket",
        json!({
            "Name": "logs",
            "ServerSideEncryptionConfiguration": {"Rules": [{
                "ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": "k"},
                "BucketKeyEnabled": true
            }]},
            "Versioning": {"Status": "Suspended"}
        }),
    );
    assert_eq!(
        got,
        json!({
            "bucket": "logs",
            "server_side_encryption_configuration": [{"rule": [{
                "apply_server_side_encryption_by_default": [{"sse_algorithm": "aws:kms", "kms_master_key_id": "k"}],
                "bucket_key_enabled": true
            }]}],
            "versioning": [{"enabled": false}]
        })
    );
}

#[test]
fn security_group_rules_become_ingress_blocks() {
    let got = apply(
        "aws_default_security_group",
        json!({
            "GroupId": "sg-1",
            "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22,
                               "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}],
            "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]
        }),
    );
    assert_eq!(got["id"], "sg-1");
    assert_eq!(
        got["ingress"],
        json!([{"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_blocks": ["0.0.0.0/0"]}])
    );
    assert_eq!(
        got["egress"],
        json!([{"protocol": "-1", "cidr_blocks": ["0.0.0.0/0"]}])
    );
}

#[test]
fn account_facts_translate_counts_to_booleans() {
    let got = apply(
        "aws_account",
        json!({"AccountAccessKeysPresent": 1, "AccountMFAEnabled": 0, "MultiRegionTrails": []}),
    );
    assert_eq!(got["root_access_keys_present"], true);
    assert_eq!(got["root_mfa_enabled"], false);
    assert_eq!(got["multi_region_trails"], json!(null));
}

#[test]
fn every_call_needs_a_read_only_action() {
    let mapping = builtin_mapping().unwrap();
    assert!(mapping.types.len() >= 30, "{}", mapping.types.len());
    for (call, action) in &mapping.api_calls {
        let (service, operation) = call.split_once(':').expect("Service:Operation");
        assert!(!service.is_empty() && !operation.is_empty(), "{call}");
        let (prefix, verb) = action.split_once(':').expect("iam action");
        assert!(!prefix.is_empty(), "{action}");
        // Read-only: the IAM verbs of describe, get and list calls, and
        // sts:AssumeRole, which reads nothing but gives --assume-role its
        // credentials.
        assert!(
            action == "sts:AssumeRole"
                || ["Describe", "Get", "List"]
                    .iter()
                    .any(|v| verb.starts_with(v)),
            "{call} needs {action}, which is not a read action"
        );
    }
    let policy = iam_policy(&mapping);
    assert_eq!(
        policy["Statement"][0]["Action"].as_array().unwrap().len(),
        mapping.permissions().len()
    );
}

#[test]
fn database_clusters_take_their_own_terraform_names() {
    let cluster = json!({
        "DBClusterIdentifier": "graph",
        "Engine": "neptune",
        "StorageEncrypted": true,
        "KmsKeyId": "arn:aws:kms:eu-west-2:111122223333:key/k",
        "EnabledCloudwatchLogsExports": ["audit"]
    });
    let neptune = apply("aws_neptune_cluster", cluster.clone());
    assert_eq!(
        neptune["kms_key_arn"],
        "arn:aws:kms:eu-west-2:111122223333:key/k"
    );
    assert_eq!(neptune["enable_cloudwatch_logs_exports"], json!(["audit"]));
    let docdb = apply("aws_docdb_cluster", cluster);
    assert_eq!(
        docdb["kms_key_id"],
        "arn:aws:kms:eu-west-2:111122223333:key/k"
    );
    assert_eq!(docdb["enabled_cloudwatch_logs_exports"], json!(["audit"]));
    // No exports: unset, as Terraform has it.
    let instance = apply(
        "aws_db_instance",
        json!({"DBInstanceIdentifier": "db", "EnabledCloudwatchLogsExports": []}),
    );
    assert_eq!(instance, json!({"identifier": "db"}));
}
