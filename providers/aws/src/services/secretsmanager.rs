//! Secrets Manager: secrets' rotation (never their values).

use super::client;
use crate::Task;
use copguard_snapshot::obj;

pub(crate) async fn collect(task: &mut Task<'_>) {
    let secrets = client!(aws_sdk_secretsmanager, task);
    let mut pages = secrets.list_secrets().into_paginator().send();
    while let Some(page) = pages.next().await {
        let Some(page) = task.ok("ListSecrets", page) else {
            return;
        };
        for secret in page.secret_list() {
            let Some(name) = secret.name() else { continue };
            let arn = secret
                .arn()
                .map(str::to_string)
                .unwrap_or_else(|| task.arn("secretsmanager", &format!("secret:{name}")));
            // Rotation rules of a secret whose rotation is off rotate nothing.
            let rules = (secret.rotation_enabled() == Some(true))
                .then(|| secret.rotation_rules())
                .flatten()
                .map(|r| {
                    obj! {
                        "AutomaticallyAfterDays" => r.automatically_after_days(),
                        "ScheduleExpression" => r.schedule_expression(),
                    }
                });
            let api = obj! {
                "Name" => name,
                "ARN" => arn.as_str(),
                "KmsKeyId" => secret.kms_key_id(),
                "RotationEnabled" => secret.rotation_enabled(),
                "RotationRules" => rules,
            };
            task.push("aws_secretsmanager_secret", arn.clone(), Some(arn), api);
        }
    }
}
