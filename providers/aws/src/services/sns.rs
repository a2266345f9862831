//! SNS: topics and their encryption key.

use super::client;
use crate::Task;
use copguard_snapshot::obj;
use std::collections::BTreeSet;

pub(crate) async fn collect(task: &mut Task<'_>) {
    let sns = client!(aws_sdk_sns, task);
    let mut arns = Vec::new();
    let mut pages = sns.list_topics().into_paginator().send();
    while let Some(page) = pages.next().await {
        let Some(page) = task.ok("ListTopics", page) else {
            break;
        };
        arns.extend(
            page.topics()
                .iter()
                .filter_map(|t| t.topic_arn().map(str::to_string)),
        );
    }
    for arn in arns {
        let name = arn.rsplit(':').next().unwrap_or(&arn).to_string();
        let mut unknown = BTreeSet::new();
        let key = match sns.get_topic_attributes().topic_arn(&arn).send().await {
            Ok(out) => out
                .attributes()
                .and_then(|a| a.get("KmsMasterKeyId"))
                .cloned(),
            Err(error) => {
                task.error("GetTopicAttributes", &error);
                unknown.insert("KmsMasterKeyId".to_string());
                None
            }
        };
        let api = obj! {
            "TopicArn" => arn.as_str(),
            "Name" => name.as_str(),
            "KmsMasterKeyId" => key,
        };
        task.push_with_unknown("aws_sns_topic", arn.clone(), Some(arn), api, unknown);
    }
}
