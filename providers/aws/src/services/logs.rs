//! CloudWatch Logs: log groups and their retention.

use super::client;
use crate::Task;
use copguard_snapshot::obj;

pub(crate) async fn collect(task: &mut Task<'_>) {
    let logs = client!(aws_sdk_cloudwatchlogs, task);
    let mut pages = logs.describe_log_groups().into_paginator().send();
    while let Some(page) = pages.next().await {
        let Some(page) = task.ok("DescribeLogGroups", page) else {
            return;
        };
        for group in page.log_groups() {
            let Some(name) = group.log_group_name() else {
                continue;
            };
            let arn = task.arn("logs", &format!("log-group:{name}"));
            let api = obj! {
                "logGroupName" => name,
                "arn" => arn.as_str(),
                "retentionInDays" => group.retention_in_days(),
                "kmsKeyId" => group.kms_key_id(),
            };
            task.push("aws_cloudwatch_log_group", arn.clone(), Some(arn), api);
        }
    }
}
