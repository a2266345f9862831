//! One module per AWS service: each lists its resources with every page of
//! every paginated call and copies the members the mapping needs, by their
//! API names, into `Raw` resources of the task. "Not configured" answers
//! (a bucket without encryption) are absences, not errors.

mod cloudtrail;
mod config;
mod dynamodb;
mod ec2;
mod ecr;
mod eks;
mod elbv2;
mod guardduty;
mod iam;
mod kms;
mod lambda;
mod logs;
mod rds;
mod s3;
mod secretsmanager;
mod sns;
mod sqs;

use crate::{Service, Task};

/// A service client for the task's region, recording its calls.
macro_rules! client {
    ($sdk:ident, $task:expr) => {
        $sdk::Client::from_conf(
            $sdk::config::Builder::from(&$task.config)
                .interceptor($task.recorder.clone())
                .build(),
        )
    };
}
pub(crate) use client;

pub(crate) async fn collect(task: &mut Task<'_>) {
    match task.service {
        Service::S3 => s3::collect(task).await,
        Service::Ec2 => ec2::collect(task).await,
        Service::Iam => iam::collect(task).await,
        Service::Kms => kms::collect(task).await,
        Service::CloudTrail => cloudtrail::collect(task).await,
        Service::Logs => logs::collect(task).await,
        Service::Rds => rds::collect(task).await,
        Service::Elbv2 => elbv2::collect(task).await,
        Service::DynamoDb => dynamodb::collect(task).await,
        Service::Sns => sns::collect(task).await,
        Service::Sqs => sqs::collect(task).await,
        Service::Lambda => lambda::collect(task).await,
        Service::Eks => eks::collect(task).await,
        Service::Ecr => ecr::collect(task).await,
        Service::GuardDuty => guardduty::collect(task).await,
        Service::Config => config::collect(task).await,
        Service::SecretsManager => secretsmanager::collect(task).await,
    }
}

/// An IAM policy document as IAM returns it (URL-encoded JSON), decoded.
pub(crate) fn policy_document(text: &str) -> String {
    if text.trim_start().starts_with('{') {
        return text.to_string();
    }
    percent_encoding::percent_decode_str(text)
        .decode_utf8()
        .map(|s| s.into_owned())
        .unwrap_or_else(|_| text.to_string())
}
