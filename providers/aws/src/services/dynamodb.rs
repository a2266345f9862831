//! DynamoDB: tables and their server-side encryption.

use super::client;
use crate::Task;
use copguard_snapshot::obj;

pub(crate) async fn collect(task: &mut Task<'_>) {
    let dynamodb = client!(aws_sdk_dynamodb, task);
    let mut names = Vec::new();
    let mut pages = dynamodb.list_tables().into_paginator().send();
    while let Some(page) = pages.next().await {
        let Some(page) = task.ok("ListTables", page) else {
            break;
        };
        names.extend(page.table_names().iter().cloned());
    }
    for name in names {
        let Some(described) = task.ok(
            "DescribeTable",
            dynamodb.describe_table().table_name(&name).send().await,
        ) else {
            continue;
        };
        let Some(table) = described.table() else {
            continue;
        };
        let arn = table
            .table_arn()
            .map(str::to_string)
            .unwrap_or_else(|| task.arn("dynamodb", &format!("table/{name}")));
        let sse = table.sse_description().map(|s| {
            obj! {
                "Status" => s.status().map(|v| v.as_str()),
                "SSEType" => s.sse_type().map(|v| v.as_str()),
                "KMSMasterKeyArn" => s.kms_master_key_arn(),
            }
        });
        let api = obj! {
            "TableName" => name.as_str(),
            "TableArn" => arn.as_str(),
            "SSEDescription" => sse,
        };
        task.push("aws_dynamodb_table", arn.clone(), Some(arn), api);
    }
}
