//! KMS: customer managed keys with their rotation status and key policy
//! (AWS managed keys and keys pending deletion are left out).

use super::client;
use crate::Task;
use copguard_snapshot::obj;
use std::collections::BTreeSet;

pub(crate) async fn collect(task: &mut Task<'_>) {
    let kms = client!(aws_sdk_kms, task);
    let mut ids = Vec::new();
    let mut pages = kms.list_keys().into_paginator().send();
    while let Some(page) = pages.next().await {
        let Some(page) = task.ok("ListKeys", page) else {
            break;
        };
        ids.extend(
            page.keys()
                .iter()
                .filter_map(|k| k.key_id().map(str::to_string)),
        );
    }
    for id in ids {
        let Some(described) = task.ok("DescribeKey", kms.describe_key().key_id(&id).send().await)
        else {
            continue;
        };
        let Some(key) = described.key_metadata() else {
            continue;
        };
        let manager = key.key_manager().map(|m| m.as_str());
        let state = key.key_state().map(|s| s.as_str());
        if manager == Some("AWS")
            || matches!(
                state,
                Some("PendingDeletion") | Some("PendingReplicaDeletion")
            )
        {
            continue;
        }
        let spec = key.key_spec().map(|s| s.as_str());
        let usage = key.key_usage().map(|u| u.as_str());
        let mut unknown = BTreeSet::new();
        // Rotation applies to symmetric encryption keys only; KMS refuses
        // the call for others.
        let rotation = if spec.is_none_or(|s| s == "SYMMETRIC_DEFAULT")
            && usage.is_none_or(|u| u == "ENCRYPT_DECRYPT")
        {
            match kms.get_key_rotation_status().key_id(&id).send().await {
                Ok(out) => Some(out.key_rotation_enabled()),
                Err(error) => {
                    task.error("GetKeyRotationStatus", &error);
                    unknown.insert("KeyRotationEnabled".to_string());
                    None
                }
            }
        } else {
            None
        };
        let policy = match kms
            .get_key_policy()
            .key_id(&id)
            .policy_name("default")
            .send()
            .await
        {
            Ok(out) => out.policy().map(str::to_string),
            Err(error) => {
                task.error("GetKeyPolicy", &error);
                unknown.insert("Policy".to_string());
                None
            }
        };
        let arn = key
            .arn()
            .map(str::to_string)
            .unwrap_or_else(|| task.arn("kms", &format!("key/{id}")));
        let api = obj! {
            "KeyId" => id.as_str(),
            "Arn" => arn.as_str(),
            "Description" => key.description(),
            "KeySpec" => spec,
            "KeyUsage" => usage,
            "KeyState" => state,
            "MultiRegion" => key.multi_region(),
            "KeyRotationEnabled" => rotation,
            "Policy" => policy,
        };
        task.push_with_unknown("aws_kms_key", arn.clone(), Some(arn), api, unknown);
    }
}
