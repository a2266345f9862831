//! S3: buckets (region, encryption, versioning, logging, public access
//! block, policy) and the account's public access block.

use crate::{error_code, Task};
use copguard_snapshot::obj;
use std::collections::{BTreeSet, HashMap};

pub(crate) async fn collect(task: &mut Task<'_>) {
    let custom_endpoint = task.config.endpoint_url().is_some();
    let s3 = client_for(task, &task.region.clone(), custom_endpoint);
    let mut names = Vec::new();
    let mut pages = s3.list_buckets().into_paginator().send();
    while let Some(page) = pages.next().await {
        let Some(page) = task.ok("ListBuckets", page) else {
            break;
        };
        names.extend(
            page.buckets()
                .iter()
                .filter_map(|b| b.name().map(str::to_string)),
        );
    }
    // Bucket calls go to the bucket's own region.
    let mut clients: HashMap<String, aws_sdk_s3::Client> = HashMap::new();
    for name in names {
        let region = match s3.get_bucket_location().bucket(&name).send().await {
            Ok(out) => match out.location_constraint().map(|l| l.as_str()) {
                None | Some("") => "us-east-1".to_string(),
                Some("EU") => "eu-west-1".to_string(),
                Some(other) => other.to_string(),
            },
            Err(error) => {
                task.error("GetBucketLocation", &error);
                task.region.clone()
            }
        };
        let client = clients
            .entry(region.clone())
            .or_insert_with(|| client_for(task, &region, custom_endpoint))
            .clone();
        bucket(task, &client, &name, &region).await;
    }
    account_block(task, custom_endpoint).await;
}

/// `custom_endpoint`: an S3-compatible or test endpoint, which serves no
/// bucket subdomains.
fn client_for(task: &Task<'_>, region: &str, custom_endpoint: bool) -> aws_sdk_s3::Client {
    let builder = aws_sdk_s3::config::Builder::from(&task.config)
        .region(aws_config::Region::new(region.to_string()))
        .interceptor(task.recorder.clone())
        .force_path_style(custom_endpoint);
    aws_sdk_s3::Client::from_conf(builder.build())
}

async fn bucket(task: &mut Task<'_>, s3: &aws_sdk_s3::Client, name: &str, region: &str) {
    let mut api = serde_json::Map::new();
    let mut unknown = BTreeSet::new();
    api.insert("Name".into(), name.into());
    api.insert("Region".into(), region.into());

    match s3.get_bucket_encryption().bucket(name).send().await {
        Ok(out) => {
            if let Some(config) = out.server_side_encryption_configuration() {
                let rules: Vec<serde_json::Value> = config
                    .rules()
                    .iter()
                    .map(|rule| {
                        let default = rule.apply_server_side_encryption_by_default().map(|d| {
                            obj! {
                                "SSEAlgorithm" => d.sse_algorithm().as_str(),
                                "KMSMasterKeyID" => d.kms_master_key_id(),
                            }
                        });
                        obj! {
                            "ApplyServerSideEncryptionByDefault" => default,
                            "BucketKeyEnabled" => rule.bucket_key_enabled(),
                        }
                    })
                    .collect();
                api.insert(
                    "ServerSideEncryptionConfiguration".into(),
                    obj! { "Rules" => rules },
                );
            }
        }
        Err(error)
            if error_code(&error) == Some("ServerSideEncryptionConfigurationNotFoundError") => {}
        Err(error) => {
            task.error("GetBucketEncryption", &error);
            unknown.insert("ServerSideEncryptionConfiguration".to_string());
        }
    }

    match s3.get_bucket_versioning().bucket(name).send().await {
        Ok(out) => {
            api.insert(
                "Versioning".into(),
                obj! {
                    "Status" => out.status().map(|s| s.as_str()),
                    "MFADelete" => out.mfa_delete().map(|s| s.as_str()),
                },
            );
        }
        Err(error) => match versioning_of_compatible_store(&error) {
            Some(versioning) => {
                api.insert("Versioning".into(), versioning);
            }
            None => {
                task.error("GetBucketVersioning", &error);
                unknown.insert("Versioning".to_string());
            }
        },
    }

    match s3.get_bucket_logging().bucket(name).send().await {
        Ok(out) => {
            if let Some(logging) = out.logging_enabled() {
                api.insert(
                    "LoggingEnabled".into(),
                    obj! {
                        "TargetBucket" => logging.target_bucket(),
                        "TargetPrefix" => logging.target_prefix(),
                    },
                );
            }
        }
        Err(error) => {
            task.error("GetBucketLogging", &error);
            unknown.insert("LoggingEnabled".to_string());
        }
    }

    match s3.get_public_access_block().bucket(name).send().await {
        Ok(out) => {
            if let Some(block) = out.public_access_block_configuration() {
                api.insert(
                    "PublicAccessBlockConfiguration".into(),
                    obj! {
                        "BlockPublicAcls" => block.block_public_acls(),
                        "IgnorePublicAcls" => block.ignore_public_acls(),
                        "BlockPublicPolicy" => block.block_public_policy(),
                        "RestrictPublicBuckets" => block.restrict_public_buckets(),
                    },
                );
            }
        }
        Err(error) if error_code(&error) == Some("NoSuchPublicAccessBlockConfiguration") => {}
        Err(error) => {
            task.error("GetPublicAccessBlock", &error);
            unknown.insert("PublicAccessBlockConfiguration".to_string());
        }
    }

    match s3.get_bucket_policy().bucket(name).send().await {
        Ok(out) => {
            if let Some(policy) = out.policy() {
                api.insert("Policy".into(), policy.into());
            }
        }
        Err(error) if error_code(&error) == Some("NoSuchBucketPolicy") => {}
        Err(error) => {
            task.error("GetBucketPolicy", &error);
            unknown.insert("Policy".to_string());
        }
    }

    let arn = format!("arn:{}:s3:::{name}", task.partition);
    api.insert("Arn".into(), arn.clone().into());
    task.resources.push(crate::Raw {
        resource_type: "aws_s3_bucket",
        address: arn.clone(),
        arn: Some(arn),
        region: region.to_string(),
        api,
        unknown,
    });
}

/// S3 Control puts the account id in front of the host
/// (`123456789012.s3-control...`); a custom endpoint (a test server, an
/// S3-compatible store) is used as given.
#[derive(Debug)]
struct FixedEndpoint(String);

impl aws_sdk_s3control::config::endpoint::ResolveEndpoint for FixedEndpoint {
    fn resolve_endpoint<'a>(
        &'a self,
        _params: &'a aws_sdk_s3control::config::endpoint::Params,
    ) -> aws_sdk_s3control::config::endpoint::EndpointFuture<'a> {
        aws_sdk_s3control::config::endpoint::EndpointFuture::ready(Ok(
            aws_sdk_s3control::config::endpoint::Endpoint::builder()
                .url(self.0.clone())
                .build(),
        ))
    }
}

/// Some S3-compatible stores (moto's server among them) answer
/// GetBucketVersioning with a `<GetBucketVersioningResponse>` root where S3
/// sends `<VersioningConfiguration>`, and the SDK refuses the answer. Its
/// two members are read from the body here instead.
fn versioning_of_compatible_store<E>(error: &crate::SdkError<E>) -> Option<serde_json::Value> {
    let response = error.raw_response()?;
    let body = std::str::from_utf8(response.body().bytes()?).ok()?;
    if response.status().as_u16() != 200 || !body.contains("<GetBucketVersioningResponse") {
        return None;
    }
    let member = |name: &str| {
        let start = body.find(&format!("<{name}>"))? + name.len() + 2;
        let end = start + body[start..].find(&format!("</{name}>"))?;
        Some(body[start..end].to_string())
    };
    Some(obj! { "Status" => member("Status"), "MFADelete" => member("MfaDelete") })
}

async fn account_block(task: &mut Task<'_>, path_style: bool) {
    let mut builder =
        aws_sdk_s3control::config::Builder::from(&task.config).interceptor(task.recorder.clone());
    if let (true, Some(url)) = (path_style, task.config.endpoint_url()) {
        builder = builder.endpoint_resolver(FixedEndpoint(url.to_string()));
    }
    let control = aws_sdk_s3control::Client::from_conf(builder.build());
    let address = format!("aws://{}/s3-account-public-access-block", task.account);
    let account = task.account.to_string();
    match control
        .get_public_access_block()
        .account_id(&account)
        .send()
        .await
    {
        Ok(out) => {
            let block = out.public_access_block_configuration();
            let api = obj! {
                "AccountId" => account.as_str(),
                "BlockPublicAcls" => block.and_then(|b| b.block_public_acls()),
                "IgnorePublicAcls" => block.and_then(|b| b.ignore_public_acls()),
                "BlockPublicPolicy" => block.and_then(|b| b.block_public_policy()),
                "RestrictPublicBuckets" => block.and_then(|b| b.restrict_public_buckets()),
            };
            task.push("aws_s3_account_public_access_block", address, None, api);
        }
        Err(error) if error_code(&error) == Some("NoSuchPublicAccessBlockConfiguration") => {
            let api = obj! { "AccountId" => account.as_str() };
            task.push("aws_s3_account_public_access_block", address, None, api);
        }
        Err(error) => {
            task.error("GetPublicAccessBlock", &error);
            let api = obj! { "AccountId" => account.as_str() };
            let unknown = [
                "BlockPublicAcls",
                "IgnorePublicAcls",
                "BlockPublicPolicy",
                "RestrictPublicBuckets",
            ]
            .into_iter()
            .map(str::to_string)
            .collect();
            task.push_with_unknown(
                "aws_s3_account_public_access_block",
                address,
                None,
                api,
                unknown,
            );
        }
    }
}
