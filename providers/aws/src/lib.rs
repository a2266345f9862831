//! copguard-aws: read-only snapshots of live AWS accounts.
//!
//! The collector talks to AWS through aws-sdk-rust with only Describe, Get
//! and List calls, maps what it reads onto copguard's canonical Terraform
//! shapes (`live.yaml`, through [`mapping`]), and writes the documented
//! snapshot JSON (`docs/snapshot-format.md`). It depends on nothing of the
//! copguard core: the core reads snapshots like any other input.
//!
//! One account at a time, its (service, region) pairs are collected
//! concurrently on tokio, bounded by `concurrency` across all accounts. A
//! call that fails (access denied, a region not opted in, a service missing
//! in a region) is recorded in the snapshot's `errors`, the attributes it
//! would have filled are marked unknown, and collection goes on.

mod record;
mod services;

pub use copguard_snapshot::{
    mapping, CallError, Snapshot, SnapshotResource, Tool, FORMAT_VERSION, SNAPSHOT_KIND,
};

pub use record::CallRecorder;

use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_smithy_runtime_api::client::result::SdkError as SmithyError;
use aws_smithy_types::error::display::DisplayErrorContext;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;

/// The error every SDK call returns.
pub(crate) type SdkError<E> =
    SmithyError<E, aws_smithy_runtime_api::client::orchestrator::HttpResponse>;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
#[cfg(test)]
mod tests;
use std::sync::Arc;
use tokio::sync::Semaphore;

/// The mapping from AWS API shapes to canonical resources, and the calls
/// the collector may send with the IAM actions they need.
pub const LIVE_YAML: &str = include_str!("../live.yaml");

pub fn builtin_mapping() -> Result<mapping::Mapping, String> {
    mapping::Mapping::from_yaml("providers/aws/live.yaml", LIVE_YAML)
}

/// The read-only IAM policy the collector needs, as README shows it.
pub fn iam_policy(mapping: &mapping::Mapping) -> Value {
    serde_json::json!({
        "Version": "2012-10-17",
        "Statement": [{
            "Sid": "CopguardSnapshotReadOnly",
            "Effect": "Allow",
            "Action": mapping.permissions(),
            "Resource": "*"
        }]
    })
}

/// The AWS services the collector knows, by the names `--services` takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Service {
    S3,
    Ec2,
    Iam,
    Kms,
    CloudTrail,
    Logs,
    Rds,
    Elbv2,
    DynamoDb,
    Sns,
    Sqs,
    Lambda,
    Eks,
    Ecr,
    GuardDuty,
    Config,
    SecretsManager,
}

impl Service {
    pub const ALL: [Service; 17] = [
        Service::S3,
        Service::Ec2,
        Service::Iam,
        Service::Kms,
        Service::CloudTrail,
        Service::Logs,
        Service::Rds,
        Service::Elbv2,
        Service::DynamoDb,
        Service::Sns,
        Service::Sqs,
        Service::Lambda,
        Service::Eks,
        Service::Ecr,
        Service::GuardDuty,
        Service::Config,
        Service::SecretsManager,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Service::S3 => "s3",
            Service::Ec2 => "ec2",
            Service::Iam => "iam",
            Service::Kms => "kms",
            Service::CloudTrail => "cloudtrail",
            Service::Logs => "logs",
            Service::Rds => "rds",
            Service::Elbv2 => "elbv2",
            Service::DynamoDb => "dynamodb",
            Service::Sns => "sns",
            Service::Sqs => "sqs",
            Service::Lambda => "lambda",
            Service::Eks => "eks",
            Service::Ecr => "ecr",
            Service::GuardDuty => "guardduty",
            Service::Config => "config",
            Service::SecretsManager => "secretsmanager",
        }
    }

    /// Services whose resources belong to the account, not to a region:
    /// collected once per account.
    pub fn is_global(self) -> bool {
        matches!(self, Service::S3 | Service::Iam)
    }
}

impl std::str::FromStr for Service {
    type Err = String;
    fn from_str(text: &str) -> Result<Service, String> {
        let wanted = text.trim().to_ascii_lowercase();
        Service::ALL
            .into_iter()
            .find(|s| s.name() == wanted)
            .ok_or_else(|| {
                let names: Vec<&str> = Service::ALL.iter().map(|s| s.name()).collect();
                format!(
                    "unknown service {text:?}; the collector knows {}",
                    names.join(", ")
                )
            })
    }
}

/// What to collect and how.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// A named profile of the shared AWS config files.
    pub profile: Option<String>,
    /// Regions to collect; none: the configured default region.
    pub regions: Vec<String>,
    /// Every region enabled for the account.
    pub all_regions: bool,
    /// Services to collect; none: all of them.
    pub services: Vec<Service>,
    /// Calls in flight at once, across accounts.
    pub concurrency: usize,
    /// Send every call here (an S3-compatible store, a test endpoint).
    pub endpoint_url: Option<String>,
    /// Roles to assume, one account each.
    pub assume_roles: Vec<String>,
    /// A role name to assume in every active account of the organization.
    pub org_role: Option<String>,
    /// Draw a progress bar on standard error (when it is a terminal).
    pub progress: bool,
}

/// Why a collection could not run at all. Failures of single calls are
/// recorded in the snapshot instead.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot identify the AWS account (sts:GetCallerIdentity): {0}; check the credentials (AWS_PROFILE, AWS_ACCESS_KEY_ID, SSO login) and the endpoint")]
    Identity(String),
    #[error("cannot assume {role}: {message}")]
    AssumeRole { role: String, message: String },
    #[error("cannot list the organization's accounts (organizations:ListAccounts): {0}; --org-role needs credentials of the management or a delegated administrator account")]
    Organizations(String),
    #[error("cannot list the account's regions (ec2:DescribeRegions): {0}")]
    Regions(String),
    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("built-in mapping data is invalid: {0}")]
    Mapping(String),
    #[error("interrupted: no snapshot was written")]
    Interrupted,
    #[error("cannot start the async runtime: {0}")]
    Runtime(std::io::Error),
}

/// Everything one run collected.
#[derive(Debug)]
pub struct Collected {
    pub snapshots: Vec<Snapshot>,
    /// Every API operation sent, as `Service:Operation`.
    pub calls: BTreeSet<String>,
}

/// A resource as a service reads it: API member names, before mapping.
#[derive(Debug, Clone)]
pub(crate) struct Raw {
    pub resource_type: &'static str,
    pub address: String,
    pub arn: Option<String>,
    pub region: String,
    pub api: Map<String, Value>,
    /// API members that could not be read.
    pub unknown: BTreeSet<String>,
}

/// Where one (service, region) task runs, and what it found.
pub(crate) struct Task<'a> {
    pub config: SdkConfig,
    pub account: &'a str,
    pub partition: &'a str,
    pub region: String,
    pub service: Service,
    pub recorder: CallRecorder,
    pub resources: Vec<Raw>,
    pub errors: Vec<CallError>,
    /// Facts about the region (`EbsEncryptionByDefault`) or, from global
    /// services, the account: API-shaped members of `aws_region` and
    /// `aws_account`, `None` where the call failed.
    pub facts: Vec<(String, Option<Value>)>,
}

impl Task<'_> {
    /// Records a failed call and returns nothing, so callers can write
    /// `let Some(x) = task.ok(api, result) else { ... }`.
    pub fn ok<T, E>(&mut self, api: &str, result: Result<T, SdkError<E>>) -> Option<T>
    where
        E: ProvideErrorMetadata + std::error::Error + 'static,
    {
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                self.error(api, &error);
                None
            }
        }
    }

    pub fn error<E>(&mut self, api: &str, error: &SdkError<E>)
    where
        E: ProvideErrorMetadata + std::error::Error + 'static,
    {
        self.errors.push(CallError {
            account: self.account.to_string(),
            service: self.service.name().to_string(),
            region: self.region.clone(),
            api: api.to_string(),
            message: describe_error(error),
        });
    }

    pub fn arn(&self, service: &str, resource: &str) -> String {
        format!(
            "arn:{}:{service}:{}:{}:{resource}",
            self.partition, self.region, self.account
        )
    }

    pub fn push(
        &mut self,
        resource_type: &'static str,
        address: String,
        arn: Option<String>,
        api: Value,
    ) {
        self.push_with_unknown(resource_type, address, arn, api, BTreeSet::new());
    }

    pub fn push_with_unknown(
        &mut self,
        resource_type: &'static str,
        address: String,
        arn: Option<String>,
        api: Value,
        unknown: BTreeSet<String>,
    ) {
        let region = if self.service.is_global() {
            "global".to_string()
        } else {
            self.region.clone()
        };
        self.resources.push(Raw {
            resource_type,
            address,
            arn,
            region,
            api: copguard_snapshot::json::into_map(api),
            unknown,
        });
    }

    pub fn fact(&mut self, key: &str, value: Option<Value>) {
        self.facts.push((key.to_string(), value));
    }
}

/// An SDK error as a user can act on it: the service's code and message
/// (`AccessDenied: User ... is not authorized to perform kms:ListKeys`), the
/// HTTP status when the body said nothing the SDK understood, or the
/// transport failure. Never the raw response, which can be long.
pub(crate) fn describe_error<E>(error: &SdkError<E>) -> String
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
{
    match (error.code(), error.message()) {
        (Some(code), Some(message)) => return format!("{code}: {message}"),
        (Some(code), None) => return code.to_string(),
        _ => {}
    }
    if let Some(response) = error.raw_response() {
        let status = response.status().as_u16();
        let meaning = match status {
            401 | 403 => " (access denied)",
            404 => " (not found)",
            429 => " (throttled)",
            _ => "",
        };
        return format!("HTTP {status}{meaning} with no error code the SDK could read");
    }
    let mut text = DisplayErrorContext(error).to_string();
    if text.len() > 400 {
        let mut cut = 400;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        text.truncate(cut);
        text.push_str("...");
    }
    text
}

/// The error code of an SDK error (`NoSuchEntity`), if the service gave one.
pub(crate) fn error_code<E>(error: &E) -> Option<&str>
where
    E: aws_smithy_types::error::metadata::ProvideErrorMetadata,
{
    error.code()
}

/// The shared HTTPS client: rustls with ring (see Cargo.toml).
fn http_client() -> aws_smithy_runtime_api::client::http::SharedHttpClient {
    use aws_smithy_http_client::tls;
    aws_smithy_http_client::Builder::new()
        .tls_provider(tls::Provider::Rustls(
            tls::rustls_provider::CryptoMode::Ring,
        ))
        .build_https()
}

async fn base_config(options: &Options) -> SdkConfig {
    let retry = aws_config::retry::RetryConfig::adaptive().with_max_attempts(8);
    // A slow link (or a loaded test endpoint) is not a failed call: more
    // time to connect than the SDK's 3.1 s default.
    let timeouts = aws_config::timeout::TimeoutConfig::builder()
        .connect_timeout(std::time::Duration::from_secs(10))
        .build();
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .http_client(http_client())
        .retry_config(retry)
        .timeout_config(timeouts);
    if let Some(profile) = &options.profile {
        loader = loader.profile_name(profile);
    }
    if let Some(url) = &options.endpoint_url {
        loader = loader.endpoint_url(url);
    }
    // The loader's own chains (region, credentials) use its HTTP client.
    if let Some(region) = options.regions.first() {
        loader = loader.region(Region::new(region.clone()));
    }
    let config = loader.load().await;
    if config.region().is_some() {
        return config;
    }
    // No region anywhere in the environment or profile: global calls (STS,
    // IAM, S3's bucket list) go to us-east-1.
    config
        .to_builder()
        .region(Region::from_static("us-east-1"))
        .build()
}

/// One account to collect: its credentials and identity.
struct Account {
    config: SdkConfig,
    id: String,
    partition: String,
}

async fn identify(config: SdkConfig, recorder: &CallRecorder) -> Result<Account, Error> {
    let sts = aws_sdk_sts::Client::from_conf(
        aws_sdk_sts::config::Builder::from(&config)
            .interceptor(recorder.clone())
            .build(),
    );
    let identity = sts
        .get_caller_identity()
        .send()
        .await
        .map_err(|e| Error::Identity(DisplayErrorContext(&e).to_string()))?;
    let id = identity.account().unwrap_or_default().to_string();
    let partition = identity
        .arn()
        .and_then(|arn| arn.split(':').nth(1))
        .unwrap_or("aws")
        .to_string();
    Ok(Account {
        config,
        id,
        partition,
    })
}

async fn assume(base: &SdkConfig, role: &str) -> SdkConfig {
    let provider = aws_config::sts::AssumeRoleProvider::builder(role)
        .session_name("copguard-snapshot")
        .configure(base)
        .build()
        .await;
    base.to_builder()
        .credentials_provider(
            aws_credential_types::provider::SharedCredentialsProvider::new(provider),
        )
        .build()
}

/// The role ARNs to assume: `--assume-role` as given, and `--org-role` in
/// every active account the organization lists.
async fn roles(
    options: &Options,
    base: &SdkConfig,
    recorder: &CallRecorder,
    partition: &str,
) -> Result<Vec<String>, Error> {
    let mut roles = options.assume_roles.clone();
    if let Some(name) = &options.org_role {
        let client = aws_sdk_organizations::Client::from_conf(
            aws_sdk_organizations::config::Builder::from(base)
                .interceptor(recorder.clone())
                .build(),
        );
        let mut pages = client.list_accounts().into_paginator().send();
        while let Some(page) = pages.next().await {
            let page =
                page.map_err(|e| Error::Organizations(DisplayErrorContext(&e).to_string()))?;
            for account in page.accounts() {
                let active = account
                    .state()
                    .map(|s| s.as_str() == "ACTIVE")
                    .or_else(|| account.status().map(|s| s.as_str() == "ACTIVE"))
                    .unwrap_or(true);
                if let (true, Some(id)) = (active, account.id()) {
                    roles.push(format!("arn:{partition}:iam::{id}:role/{name}"));
                }
            }
        }
    }
    Ok(roles)
}

async fn regions(
    options: &Options,
    account: &Account,
    recorder: &CallRecorder,
) -> Result<Vec<String>, Error> {
    if options.all_regions {
        let ec2 = aws_sdk_ec2::Client::from_conf(
            aws_sdk_ec2::config::Builder::from(&account.config)
                .interceptor(recorder.clone())
                .build(),
        );
        // Without AllRegions, EC2 lists only the regions enabled for the
        // account (opted-in or not needing opt-in).
        let listed = ec2
            .describe_regions()
            .send()
            .await
            .map_err(|e| Error::Regions(DisplayErrorContext(&e).to_string()))?;
        let mut names: Vec<String> = listed
            .regions()
            .iter()
            .filter(|r| r.opt_in_status() != Some("not-opted-in"))
            .filter_map(|r| r.region_name().map(str::to_string))
            .collect();
        names.sort();
        return Ok(names);
    }
    if !options.regions.is_empty() {
        let mut names = options.regions.clone();
        names.sort();
        names.dedup();
        return Ok(names);
    }
    Ok(vec![account
        .config
        .region()
        .map(|r| r.to_string())
        .unwrap_or_else(|| "us-east-1".to_string())])
}

/// Collects every account the options name (the credentials' own when no
/// role is given).
pub async fn collect(options: &Options) -> Result<Collected, Error> {
    let mapping = builtin_mapping().map_err(Error::Mapping)?;
    let recorder = CallRecorder::default();
    let base = base_config(options).await;
    let caller = identify(base.clone(), &recorder).await?;
    let roles = roles(options, &base, &recorder, &caller.partition).await?;
    let mut accounts = Vec::new();
    if roles.is_empty() {
        accounts.push(caller);
    } else {
        for role in &roles {
            let config = assume(&base, role).await;
            let account = identify(config, &recorder)
                .await
                .map_err(|e| Error::AssumeRole {
                    role: role.clone(),
                    message: e.to_string(),
                })?;
            accounts.push(account);
        }
    }
    let services: Vec<Service> = if options.services.is_empty() {
        Service::ALL.to_vec()
    } else {
        let mut s = options.services.clone();
        s.sort();
        s.dedup();
        s
    };
    let limit = Arc::new(Semaphore::new(options.concurrency.max(1)));
    let mut plans = Vec::new();
    for account in &accounts {
        plans.push((account, regions(options, account, &recorder).await?));
    }
    let total: usize = plans
        .iter()
        .map(|(_, regions)| {
            services
                .iter()
                .map(|s| if s.is_global() { 1 } else { regions.len() })
                .sum::<usize>()
        })
        .sum();
    let progress =
        copguard_snapshot::progress_bar(options.progress, total as u64, "service-regions");
    let collected_at = copguard_snapshot::now_rfc3339();
    let snapshots = futures::future::join_all(plans.iter().map(|(account, regions)| {
        collect_account(
            account,
            regions,
            &services,
            &recorder,
            &limit,
            &progress,
            &mapping,
            &collected_at,
        )
    }))
    .await;
    progress.finish_and_clear();
    Ok(Collected {
        snapshots,
        calls: recorder.calls(),
    })
}

#[allow(clippy::too_many_arguments)]
async fn collect_account(
    account: &Account,
    regions: &[String],
    services: &[Service],
    recorder: &CallRecorder,
    limit: &Semaphore,
    progress: &indicatif::ProgressBar,
    mapping: &mapping::Mapping,
    collected_at: &str,
) -> Snapshot {
    let mut jobs = Vec::new();
    for service in services {
        let job_regions: Vec<&String> = if service.is_global() {
            regions.iter().take(1).collect()
        } else {
            regions.iter().collect()
        };
        for region in job_regions {
            jobs.push((*service, region.clone()));
        }
    }
    let tasks = futures::future::join_all(jobs.into_iter().map(|(service, region)| async move {
        let _permit = limit.acquire().await;
        let config = account
            .config
            .to_builder()
            .region(Region::new(region.clone()))
            .build();
        let mut task = Task {
            config,
            account: &account.id,
            partition: &account.partition,
            region,
            service,
            recorder: recorder.clone(),
            resources: Vec::new(),
            errors: Vec::new(),
            facts: Vec::new(),
        };
        services::collect(&mut task).await;
        progress.inc(1);
        (
            task.region.clone(),
            task.service,
            task.resources,
            task.errors,
            task.facts,
        )
    }))
    .await;

    let mut resources = Vec::new();
    let mut errors = Vec::new();
    let mut region_facts: BTreeMap<String, (Map<String, Value>, BTreeSet<String>)> = regions
        .iter()
        .map(|r| (r.clone(), (Map::new(), BTreeSet::new())))
        .collect();
    let mut account_facts = (Map::new(), BTreeSet::new());
    for (region, service, raw, call_errors, facts) in tasks {
        resources.extend(raw);
        errors.extend(call_errors);
        let target = if service.is_global() {
            &mut account_facts
        } else {
            region_facts.entry(region).or_default()
        };
        for (key, value) in facts {
            match value {
                Some(value) => merge_fact(&mut target.0, &key, value),
                None => {
                    target.1.insert(key);
                }
            }
        }
    }
    // Facts the account needs from regional services (trails).
    for (_, (facts, unknown)) in region_facts.iter_mut() {
        if let Some(trails) = facts.remove("MultiRegionTrails") {
            merge_fact(&mut account_facts.0, "MultiRegionTrails", trails);
        }
        if unknown.remove("MultiRegionTrails") {
            account_facts.1.insert("MultiRegionTrails".to_string());
        }
    }
    // What a service that was not collected would have said is unknown,
    // not absent: an account-level policy must not pass or fail on it.
    let not_collected = |service: Service| !services.contains(&service);
    let account_unknown: &[(Service, &[&str])] = &[
        (
            Service::Iam,
            &[
                "PasswordPolicy",
                "HasPasswordPolicy",
                "AccountAccessKeysPresent",
                "AccountMFAEnabled",
            ],
        ),
        (Service::CloudTrail, &["MultiRegionTrails"]),
    ];
    for (service, keys) in account_unknown {
        if not_collected(*service) {
            account_facts.1.extend(keys.iter().map(|k| k.to_string()));
        }
    }
    let region_unknown: &[(Service, &str)] = &[
        (Service::Ec2, "EbsEncryptionByDefault"),
        (Service::GuardDuty, "GuardDutyEnabled"),
        (Service::Config, "ConfigRecording"),
    ];
    for (_, (_, unknown)) in region_facts.iter_mut() {
        for (service, key) in region_unknown {
            if not_collected(*service) {
                unknown.insert(key.to_string());
            }
        }
    }
    account_facts
        .0
        .insert("AccountId".into(), Value::String(account.id.clone()));
    resources.push(Raw {
        resource_type: "aws_account",
        address: format!("arn:{}:iam::{}:root", account.partition, account.id),
        arn: Some(format!(
            "arn:{}:iam::{}:root",
            account.partition, account.id
        )),
        region: "global".into(),
        api: account_facts.0,
        unknown: account_facts.1,
    });
    for (region, (mut facts, unknown)) in region_facts {
        facts.insert("Region".into(), Value::String(region.clone()));
        resources.push(Raw {
            resource_type: "aws_region",
            address: format!("aws://{}/{region}", account.id),
            arn: None,
            region,
            api: facts,
            unknown,
        });
    }

    let out: Vec<SnapshotResource> = resources
        .into_iter()
        .map(|raw| {
            let (attributes, unknown) = mapping.apply(raw.resource_type, &raw.api, &raw.unknown);
            SnapshotResource {
                address: raw.address,
                resource_type: raw.resource_type.to_string(),
                arn: raw.arn,
                region: raw.region,
                attributes,
                unknown: unknown.into_iter().collect(),
            }
        })
        .collect();
    let mut snapshot = Snapshot {
        kind: SNAPSHOT_KIND,
        format_version: FORMAT_VERSION,
        tool: Tool {
            name: "copguard-aws",
            version: env!("CARGO_PKG_VERSION"),
        },
        provider: "aws",
        account_id: account.id.clone(),
        partition: account.partition.clone(),
        regions: regions.to_vec(),
        services: services.iter().map(|s| s.name().to_string()).collect(),
        collected_at: collected_at.to_string(),
        resources: out,
        errors,
    };
    snapshot.sort();
    snapshot
}

/// Facts from several regions add up: lists are joined, anything else is
/// the first value seen.
fn merge_fact(facts: &mut Map<String, Value>, key: &str, value: Value) {
    match (facts.get_mut(key), value) {
        (Some(Value::Array(existing)), Value::Array(more)) => existing.extend(more),
        (Some(_), _) => {}
        (None, value) => {
            facts.insert(key.to_string(), value);
        }
    }
}

/// Collects and writes the snapshots, on a runtime of its own; Ctrl-C stops
/// collection before anything is written. Returns the files written and the
/// operations called.
pub fn run(options: &Options, output: Option<&Path>) -> Result<(Vec<PathBuf>, Collected), Error> {
    use copguard_snapshot::Stopped;
    copguard_snapshot::collect_then_write(collect(options), |c| &c.snapshots, output).map_err(
        |stopped| match stopped {
            Stopped::Failed(error) => error,
            Stopped::Interrupted => Error::Interrupted,
            Stopped::Runtime(error) => Error::Runtime(error),
            Stopped::Write { path, source } => Error::Write { path, source },
        },
    )
}
