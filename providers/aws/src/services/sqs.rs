//! SQS: queues and their encryption (a KMS key, or SQS-managed SSE).

use super::client;
use crate::Task;
use copguard_snapshot::obj;
use std::collections::BTreeSet;

pub(crate) async fn collect(task: &mut Task<'_>) {
    let sqs = client!(aws_sdk_sqs, task);
    let mut urls = Vec::new();
    let mut pages = sqs.list_queues().into_paginator().send();
    while let Some(page) = pages.next().await {
        let Some(page) = task.ok("ListQueues", page) else {
            break;
        };
        urls.extend(page.queue_urls().iter().cloned());
    }
    for url in urls {
        let name = url.rsplit('/').next().unwrap_or(&url).to_string();
        let mut unknown = BTreeSet::new();
        let attributes = match sqs
            .get_queue_attributes()
            .queue_url(&url)
            .attribute_names(aws_sdk_sqs::types::QueueAttributeName::All)
            .send()
            .await
        {
            Ok(out) => out.attributes().cloned().unwrap_or_default(),
            Err(error) => {
                task.error("GetQueueAttributes", &error);
                unknown.insert("KmsMasterKeyId".to_string());
                unknown.insert("SqsManagedSseEnabled".to_string());
                Default::default()
            }
        };
        let get = |name: &str| {
            attributes
                .get(&aws_sdk_sqs::types::QueueAttributeName::from(name))
                .cloned()
        };
        let arn = get("QueueArn").unwrap_or_else(|| task.arn("sqs", &name));
        let api = obj! {
            "QueueUrl" => url.as_str(),
            "QueueArn" => arn.as_str(),
            "Name" => name.as_str(),
            "KmsMasterKeyId" => get("KmsMasterKeyId"),
            "SqsManagedSseEnabled" => get("SqsManagedSseEnabled"),
        };
        task.push_with_unknown("aws_sqs_queue", arn.clone(), Some(arn), api, unknown);
    }
}
