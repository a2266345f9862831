//! EKS: clusters' endpoint access, secrets encryption and control plane logs.

use super::client;
use crate::Task;
use copguard_snapshot::obj;
use serde_json::Value;

pub(crate) async fn collect(task: &mut Task<'_>) {
    let eks = client!(aws_sdk_eks, task);
    let mut names = Vec::new();
    let mut pages = eks.list_clusters().into_paginator().send();
    while let Some(page) = pages.next().await {
        let Some(page) = task.ok("ListClusters", page) else {
            break;
        };
        names.extend(page.clusters().iter().cloned());
    }
    for name in names {
        let Some(described) = task.ok(
            "DescribeCluster",
            eks.describe_cluster().name(&name).send().await,
        ) else {
            continue;
        };
        let Some(cluster) = described.cluster() else {
            continue;
        };
        let arn = cluster
            .arn()
            .map(str::to_string)
            .unwrap_or_else(|| task.arn("eks", &format!("cluster/{name}")));
        let vpc = cluster.resources_vpc_config().map(|v| {
            obj! {
                "EndpointPublicAccess" => v.endpoint_public_access(),
                "EndpointPrivateAccess" => v.endpoint_private_access(),
                "PublicAccessCidrs" => v.public_access_cidrs(),
                "SubnetIds" => v.subnet_ids(),
            }
        });
        let encryption: Vec<Value> = cluster
            .encryption_config()
            .iter()
            .map(|e| {
                // Deprecated since EKS encrypts all API data by default, but
                // still what says that secrets use the customer's own key,
                // which is what CG-AWS-029 (and Terraform's shape) checks.
                #[allow(deprecated)]
                let resources = e.resources();
                obj! {
                    "Resources" => resources,
                    "Provider" => e.provider().map(|p| obj! { "KeyArn" => p.key_arn() }),
                }
            })
            .collect();
        let enabled_logs: Vec<&str> = cluster
            .logging()
            .map(|l| l.cluster_logging())
            .unwrap_or_default()
            .iter()
            .filter(|setup| setup.enabled() == Some(true))
            .flat_map(|setup| setup.types().iter().map(|t| t.as_str()))
            .collect();
        let api = obj! {
            "Name" => name.as_str(),
            "Arn" => arn.as_str(),
            "Version" => cluster.version(),
            "ResourcesVpcConfig" => vpc,
            "EncryptionConfig" => encryption,
            "EnabledLogTypes" => enabled_logs,
        };
        task.push("aws_eks_cluster", arn.clone(), Some(arn), api);
    }
}
