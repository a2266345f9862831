//! IAM: customer-managed policies with their default version's document,
//! roles (trust policy, inline and attached policies), users and groups
//! (inline and attached policies), and the account's password policy and
//! summary (root access keys, root MFA), which become `aws_account` facts.

use super::{client, policy_document};
use crate::{error_code, Task};
use copguard_snapshot::obj;
use serde_json::Value;

pub(crate) async fn collect(task: &mut Task<'_>) {
    let iam = client!(aws_sdk_iam, task);
    policies(task, &iam).await;
    roles(task, &iam).await;
    users(task, &iam).await;
    groups(task, &iam).await;
    account(task, &iam).await;
}

async fn policies(task: &mut Task<'_>, iam: &aws_sdk_iam::Client) {
    let mut found = Vec::new();
    let mut pages = iam
        .list_policies()
        .scope(aws_sdk_iam::types::PolicyScopeType::Local)
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        let Some(page) = task.ok("ListPolicies", page) else {
            break;
        };
        for policy in page.policies() {
            if let (Some(arn), Some(name)) = (policy.arn(), policy.policy_name()) {
                found.push((
                    arn.to_string(),
                    name.to_string(),
                    policy.path().map(str::to_string),
                    policy.default_version_id().map(str::to_string),
                    policy.attachment_count(),
                ));
            }
        }
    }
    for (arn, name, path, version, attachments) in found {
        let mut unknown = std::collections::BTreeSet::new();
        let mut document = None;
        if let Some(version) = version {
            match iam
                .get_policy_version()
                .policy_arn(&arn)
                .version_id(version)
                .send()
                .await
            {
                Ok(out) => {
                    document = out
                        .policy_version()
                        .and_then(|v| v.document())
                        .map(policy_document);
                }
                Err(error) => {
                    task.error("GetPolicyVersion", &error);
                    unknown.insert("Document".to_string());
                }
            }
        }
        let api = obj! {
            "PolicyName" => name.as_str(),
            "Arn" => arn.as_str(),
            "Path" => path,
            "AttachmentCount" => attachments,
            "Document" => document,
        };
        task.push_with_unknown("aws_iam_policy", arn.clone(), Some(arn), api, unknown);
    }
}

/// Inline and attached policies of one role, user or group, as
/// `aws_iam_<kind>_policy` and `aws_iam_<kind>_policy_attachment` resources.
macro_rules! principal_policies {
    ($task:expr, $iam:expr, $owner_arn:expr, $name:expr,
     $list_inline:ident, $get_inline:ident, $list_attached:ident, $setter:ident,
     $inline_type:literal, $attachment_type:literal, $owner_key:literal,
     $list_api:literal, $get_api:literal, $attached_api:literal) => {{
        let mut inline_names = Vec::new();
        let mut pages = $iam.$list_inline().$setter($name).into_paginator().send();
        while let Some(page) = pages.next().await {
            let Some(page) = $task.ok($list_api, page) else {
                break;
            };
            inline_names.extend(page.policy_names().iter().cloned());
        }
        for policy_name in inline_names {
            let address = format!("{}/inline-policy/{policy_name}", $owner_arn);
            match $iam
                .$get_inline()
                .$setter($name)
                .policy_name(&policy_name)
                .send()
                .await
            {
                Ok(out) => {
                    let api = obj! {
                        $owner_key => $name,
                        "PolicyName" => policy_name.as_str(),
                        "PolicyDocument" => policy_document(out.policy_document()),
                    };
                    $task.push($inline_type, address, None, api);
                }
                Err(error) => {
                    $task.error($get_api, &error);
                    let api = obj! { $owner_key => $name, "PolicyName" => policy_name.as_str() };
                    let unknown = ["PolicyDocument".to_string()].into_iter().collect();
                    $task.push_with_unknown($inline_type, address, None, api, unknown);
                }
            }
        }
        let mut pages = $iam.$list_attached().$setter($name).into_paginator().send();
        while let Some(page) = pages.next().await {
            let Some(page) = $task.ok($attached_api, page) else {
                break;
            };
            for attached in page.attached_policies() {
                let Some(policy_arn) = attached.policy_arn() else {
                    continue;
                };
                let address = format!("{}/attached-policy/{policy_arn}", $owner_arn);
                let api = obj! { $owner_key => $name, "PolicyArn" => policy_arn };
                $task.push($attachment_type, address, None, api);
            }
        }
    }};
}

async fn roles(task: &mut Task<'_>, iam: &aws_sdk_iam::Client) {
    let mut found = Vec::new();
    let mut pages = iam.list_roles().into_paginator().send();
    while let Some(page) = pages.next().await {
        let Some(page) = task.ok("ListRoles", page) else {
            break;
        };
        for role in page.roles() {
            found.push((
                role.role_name().to_string(),
                role.arn().to_string(),
                role.path().to_string(),
                role.assume_role_policy_document().map(policy_document),
            ));
        }
    }
    for (name, arn, path, trust) in found {
        let api = obj! {
            "RoleName" => name.as_str(),
            "Arn" => arn.as_str(),
            "Path" => path.as_str(),
            "AssumeRolePolicyDocument" => trust,
        };
        task.push("aws_iam_role", arn.clone(), Some(arn.clone()), api);
        principal_policies!(
            task,
            iam,
            arn,
            name.as_str(),
            list_role_policies,
            get_role_policy,
            list_attached_role_policies,
            role_name,
            "aws_iam_role_policy",
            "aws_iam_role_policy_attachment",
            "RoleName",
            "ListRolePolicies",
            "GetRolePolicy",
            "ListAttachedRolePolicies"
        );
    }
}

async fn users(task: &mut Task<'_>, iam: &aws_sdk_iam::Client) {
    let mut found = Vec::new();
    let mut pages = iam.list_users().into_paginator().send();
    while let Some(page) = pages.next().await {
        let Some(page) = task.ok("ListUsers", page) else {
            break;
        };
        for user in page.users() {
            found.push((
                user.user_name().to_string(),
                user.arn().to_string(),
                user.path().to_string(),
            ));
        }
    }
    for (name, arn, path) in found {
        let api =
            obj! { "UserName" => name.as_str(), "Arn" => arn.as_str(), "Path" => path.as_str() };
        task.push("aws_iam_user", arn.clone(), Some(arn.clone()), api);
        principal_policies!(
            task,
            iam,
            arn,
            name.as_str(),
            list_user_policies,
            get_user_policy,
            list_attached_user_policies,
            user_name,
            "aws_iam_user_policy",
            "aws_iam_user_policy_attachment",
            "UserName",
            "ListUserPolicies",
            "GetUserPolicy",
            "ListAttachedUserPolicies"
        );
    }
}

async fn groups(task: &mut Task<'_>, iam: &aws_sdk_iam::Client) {
    let mut found = Vec::new();
    let mut pages = iam.list_groups().into_paginator().send();
    while let Some(page) = pages.next().await {
        let Some(page) = task.ok("ListGroups", page) else {
            break;
        };
        for group in page.groups() {
            found.push((
                group.group_name().to_string(),
                group.arn().to_string(),
                group.path().to_string(),
            ));
        }
    }
    for (name, arn, path) in found {
        let api =
            obj! { "GroupName" => name.as_str(), "Arn" => arn.as_str(), "Path" => path.as_str() };
        task.push("aws_iam_group", arn.clone(), Some(arn.clone()), api);
        principal_policies!(
            task,
            iam,
            arn,
            name.as_str(),
            list_group_policies,
            get_group_policy,
            list_attached_group_policies,
            group_name,
            "aws_iam_group_policy",
            "aws_iam_group_policy_attachment",
            "GroupName",
            "ListGroupPolicies",
            "GetGroupPolicy",
            "ListAttachedGroupPolicies"
        );
    }
}

async fn account(task: &mut Task<'_>, iam: &aws_sdk_iam::Client) {
    match iam.get_account_password_policy().send().await {
        Ok(out) => {
            let policy = out.password_policy().map(|p| {
                obj! {
                    "MinimumPasswordLength" => p.minimum_password_length(),
                    "RequireSymbols" => p.require_symbols(),
                    "RequireNumbers" => p.require_numbers(),
                    "RequireUppercaseCharacters" => p.require_uppercase_characters(),
                    "RequireLowercaseCharacters" => p.require_lowercase_characters(),
                    "AllowUsersToChangePassword" => p.allow_users_to_change_password(),
                    "MaxPasswordAge" => p.max_password_age(),
                    "PasswordReusePrevention" => p.password_reuse_prevention(),
                    "HardExpiry" => p.hard_expiry(),
                }
            });
            task.fact("PasswordPolicy", Some(policy.unwrap_or_else(|| obj! {})));
            task.fact("HasPasswordPolicy", Some(Value::Bool(true)));
        }
        // No password policy: IAM's defaults apply, which are weak.
        Err(error) if error_code(&error) == Some("NoSuchEntity") => {
            task.fact("HasPasswordPolicy", Some(Value::Bool(false)));
        }
        Err(error) => {
            task.error("GetAccountPasswordPolicy", &error);
            task.fact("PasswordPolicy", None);
            task.fact("HasPasswordPolicy", None);
        }
    }
    match iam.get_account_summary().send().await {
        Ok(out) => {
            let summary = out.summary_map();
            let get = |key: aws_sdk_iam::types::SummaryKeyType| {
                summary.and_then(|m| m.get(&key)).map(|v| Value::from(*v))
            };
            task.fact(
                "AccountAccessKeysPresent",
                get(aws_sdk_iam::types::SummaryKeyType::AccountAccessKeysPresent),
            );
            task.fact(
                "AccountMFAEnabled",
                get(aws_sdk_iam::types::SummaryKeyType::AccountMfaEnabled),
            );
        }
        Err(error) => {
            task.error("GetAccountSummary", &error);
            task.fact("AccountAccessKeysPresent", None);
            task.fact("AccountMFAEnabled", None);
        }
    }
}
