//! ECR: repositories' scanning, tag mutability and encryption.

use super::client;
use crate::Task;
use copguard_snapshot::obj;

pub(crate) async fn collect(task: &mut Task<'_>) {
    let ecr = client!(aws_sdk_ecr, task);
    let mut pages = ecr.describe_repositories().into_paginator().send();
    while let Some(page) = pages.next().await {
        let Some(page) = task.ok("DescribeRepositories", page) else {
            return;
        };
        for repository in page.repositories() {
            let Some(name) = repository.repository_name() else {
                continue;
            };
            let arn = repository
                .repository_arn()
                .map(str::to_string)
                .unwrap_or_else(|| task.arn("ecr", &format!("repository/{name}")));
            let api = obj! {
                "repositoryName" => name,
                "repositoryArn" => arn.as_str(),
                "imageTagMutability" => repository.image_tag_mutability().map(|m| m.as_str()),
                "imageScanningConfiguration" => repository.image_scanning_configuration().map(|c| obj! { "scanOnPush" => c.scan_on_push() }),
                "encryptionConfiguration" => repository.encryption_configuration().map(|c| obj! {
                    "encryptionType" => c.encryption_type().as_str(),
                    "kmsKey" => c.kms_key(),
                }),
            };
            task.push("aws_ecr_repository", arn.clone(), Some(arn), api);
        }
    }
}
