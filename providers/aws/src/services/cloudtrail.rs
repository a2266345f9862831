//! CloudTrail: the trails whose home is this region, with their logging
//! status and event selectors. Multi-region trails that are logging, seen
//! from any collected region (as "shadow" trails outside their home),
//! become the account's `MultiRegionTrails` fact.

use super::client;
use crate::Task;
use copguard_snapshot::obj;
use serde_json::Value;
use std::collections::BTreeSet;

pub(crate) async fn collect(task: &mut Task<'_>) {
    let trails_client = client!(aws_sdk_cloudtrail, task);
    let listed = trails_client
        .describe_trails()
        .include_shadow_trails(true)
        .send()
        .await;
    let Some(listed) = task.ok("DescribeTrails", listed) else {
        task.fact("MultiRegionTrails", None);
        return;
    };
    let mut multi_region = Vec::new();
    for trail in listed.trail_list() {
        let Some(arn) = trail.trail_arn().map(str::to_string) else {
            continue;
        };
        // A shadow trail (a multi-region trail seen from another region)
        // counts for the account, but is collected in its home region.
        let home = trail.home_region().is_none_or(|home| home == task.region);
        if !home {
            if trail.is_multi_region_trail() == Some(true) {
                // Its status is asked of the home region, by ARN.
                match trails_client.get_trail_status().name(&arn).send().await {
                    Ok(out) if out.is_logging() == Some(true) => {
                        multi_region.push(Value::String(trail.name().unwrap_or(&arn).to_string()));
                    }
                    Ok(_) => {}
                    Err(error) => task.error("GetTrailStatus", &error),
                }
            }
            continue;
        }
        let mut unknown = BTreeSet::new();
        let logging = match trails_client.get_trail_status().name(&arn).send().await {
            Ok(out) => out.is_logging(),
            Err(error) => {
                task.error("GetTrailStatus", &error);
                unknown.insert("IsLogging".to_string());
                None
            }
        };
        let selectors = match trails_client
            .get_event_selectors()
            .trail_name(&arn)
            .send()
            .await
        {
            Ok(out) => Some(
                out.event_selectors()
                    .iter()
                    .map(|s| {
                        obj! {
                            "ReadWriteType" => s.read_write_type().map(|t| t.as_str()),
                            "IncludeManagementEvents" => s.include_management_events(),
                        }
                    })
                    .collect::<Vec<Value>>(),
            ),
            Err(error) => {
                task.error("GetEventSelectors", &error);
                unknown.insert("EventSelectors".to_string());
                None
            }
        };
        if trail.is_multi_region_trail() == Some(true) && logging == Some(true) {
            multi_region.push(Value::String(trail.name().unwrap_or(&arn).to_string()));
        }
        let api = obj! {
            "Name" => trail.name(),
            "TrailARN" => arn.as_str(),
            "HomeRegion" => trail.home_region(),
            "S3BucketName" => trail.s3_bucket_name(),
            "IsMultiRegionTrail" => trail.is_multi_region_trail(),
            "IncludeGlobalServiceEvents" => trail.include_global_service_events(),
            "LogFileValidationEnabled" => trail.log_file_validation_enabled(),
            "KmsKeyId" => trail.kms_key_id(),
            "CloudWatchLogsLogGroupArn" => trail.cloud_watch_logs_log_group_arn(),
            "IsOrganizationTrail" => trail.is_organization_trail(),
            "IsLogging" => logging,
            "EventSelectors" => selectors,
        };
        task.push_with_unknown("aws_cloudtrail", arn.clone(), Some(arn), api, unknown);
    }
    task.fact("MultiRegionTrails", Some(Value::Array(multi_region)));
}
