//! RDS: database instances (members of a cluster as cluster instances) and
//! clusters, DocumentDB and Neptune clusters among them (the RDS API lists
//! them too): encryption, public access, backups, deletion protection, IAM
//! authentication, log exports.

use super::client;
use crate::Task;
use copguard_snapshot::obj;

pub(crate) async fn collect(task: &mut Task<'_>) {
    let rds = client!(aws_sdk_rds, task);
    let mut pages = rds.describe_db_instances().into_paginator().send();
    while let Some(page) = pages.next().await {
        let Some(page) = task.ok("DescribeDBInstances", page) else {
            break;
        };
        for db in page.db_instances() {
            let Some(id) = db.db_instance_identifier() else {
                continue;
            };
            let arn = db
                .db_instance_arn()
                .map(str::to_string)
                .unwrap_or_else(|| task.arn("rds", &format!("db:{id}")));
            // Aurora members: Terraform's aws_rds_cluster_instance; storage
            // and backups belong to the cluster.
            let resource_type = if db.db_cluster_identifier().is_some() {
                "aws_rds_cluster_instance"
            } else {
                "aws_db_instance"
            };
            let api = obj! {
                "DBInstanceIdentifier" => id,
                "DBInstanceArn" => arn.as_str(),
                "DBClusterIdentifier" => db.db_cluster_identifier(),
                "Engine" => db.engine(),
                "StorageEncrypted" => db.storage_encrypted(),
                "KmsKeyId" => db.kms_key_id(),
                "PubliclyAccessible" => db.publicly_accessible(),
                "BackupRetentionPeriod" => db.backup_retention_period(),
                "DeletionProtection" => db.deletion_protection(),
                "ReadReplicaSourceDBInstanceIdentifier" => db.read_replica_source_db_instance_identifier(),
                "IAMDatabaseAuthenticationEnabled" => db.iam_database_authentication_enabled(),
                "EnabledCloudwatchLogsExports" => db.enabled_cloudwatch_logs_exports(),
            };
            task.push(resource_type, arn.clone(), Some(arn), api);
        }
    }
    let mut pages = rds.describe_db_clusters().into_paginator().send();
    while let Some(page) = pages.next().await {
        let Some(page) = task.ok("DescribeDBClusters", page) else {
            return;
        };
        for cluster in page.db_clusters() {
            let Some(id) = cluster.db_cluster_identifier() else {
                continue;
            };
            let arn = cluster
                .db_cluster_arn()
                .map(str::to_string)
                .unwrap_or_else(|| task.arn("rds", &format!("cluster:{id}")));
            // DocumentDB and Neptune clusters are Terraform types of their own.
            let resource_type = match cluster.engine() {
                Some("docdb") => "aws_docdb_cluster",
                Some("neptune") => "aws_neptune_cluster",
                _ => "aws_rds_cluster",
            };
            let api = obj! {
                "DBClusterIdentifier" => id,
                "DBClusterArn" => arn.as_str(),
                "Engine" => cluster.engine(),
                "EngineMode" => cluster.engine_mode(),
                "StorageEncrypted" => cluster.storage_encrypted(),
                "KmsKeyId" => cluster.kms_key_id(),
                "BackupRetentionPeriod" => cluster.backup_retention_period(),
                "DeletionProtection" => cluster.deletion_protection(),
                "IAMDatabaseAuthenticationEnabled" => cluster.iam_database_authentication_enabled(),
                "EnabledCloudwatchLogsExports" => cluster.enabled_cloudwatch_logs_exports(),
            };
            task.push(resource_type, arn.clone(), Some(arn), api);
        }
    }
}
