//! copguard-azure: read-only snapshots of live Azure subscriptions.
//!
//! The collector reads Azure Resource Manager with GET calls only, through
//! azure_core's pipeline ([`arm`]), maps what it reads onto copguard's
//! canonical `azurerm_*` Terraform shapes (`live.yaml`, through
//! `copguard_snapshot::mapping`), and writes one snapshot per subscription
//! in the format the AWS collector writes (`docs/snapshot-format.md`). It
//! depends on nothing of the copguard core.
//!
//! A call that fails (authorization, an unregistered resource provider) is
//! recorded in the snapshot's `errors`, what it would have read is unknown,
//! and collection goes on.

mod arm;
mod services;

use arm::{Arm, CallFailure};
use azure_core::credentials::TokenCredential;
use copguard_snapshot::{mapping, CallError, Snapshot, SnapshotResource, Tool};
use serde_json::{Map, Value};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tokio::sync::Semaphore;

/// The mapping from Resource Manager shapes to canonical resources, the
/// `api-version` per resource provider, and the calls the collector may
/// send with the RBAC actions they need.
pub const LIVE_YAML: &str = include_str!("../live.yaml");

/// The public Azure Resource Manager endpoint.
pub const PUBLIC_ARM_ENDPOINT: &str = "https://management.azure.com/";

pub fn builtin_mapping() -> Result<mapping::Mapping, String> {
    mapping::Mapping::from_yaml("providers/azure/live.yaml", LIVE_YAML)
}

/// A custom role with exactly the read actions the collector needs, as
/// README shows it (the built-in Reader role also suffices).
pub fn role_definition(mapping: &mapping::Mapping) -> Value {
    serde_json::json!({
        "Name": "copguard snapshot reader",
        "IsCustom": true,
        "Description": "Read-only access for copguard snapshot azure",
        "Actions": mapping.permissions(),
        "NotActions": [],
        "AssignableScopes": ["/subscriptions/00000000-0000-0000-0000-000000000000"]
    })
}

/// What to collect and how.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Subscriptions to collect; none: every subscription the credential
    /// can list.
    pub subscriptions: Vec<String>,
    /// Calls in flight at once.
    pub concurrency: usize,
    /// The Resource Manager endpoint (other clouds, tests); default the
    /// public cloud's.
    pub arm_endpoint: Option<String>,
    /// Draw a progress bar on standard error (when it is a terminal).
    pub progress: bool,
}

/// Why a collection could not run at all.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("no Azure credential: {0}")]
    Credential(String),
    #[error("cannot list the subscriptions (Microsoft.Resources/subscriptions/read): {0}; name them with --subscription")]
    Subscriptions(String),
    #[error("{0}")]
    Setup(String),
    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("interrupted: no snapshot was written")]
    Interrupted,
    #[error("cannot start the async runtime: {0}")]
    Runtime(std::io::Error),
}

/// Everything one run collected.
#[derive(Debug)]
pub struct Collected {
    pub snapshots: Vec<Snapshot>,
    /// Every call sent, as `GET Namespace/type`.
    pub calls: BTreeSet<String>,
}

/// A resource as Resource Manager returns it, before mapping.
pub(crate) struct Raw {
    pub resource_type: &'static str,
    pub address: String,
    pub region: String,
    pub api: Map<String, Value>,
    pub unknown: BTreeSet<String>,
}

/// The credential: `AZURE_ACCESS_TOKEN` when set, else azure_identity's
/// standard credentials in the order `DefaultAzureCredential` tries them:
/// a service principal from the environment, workload identity, the Azure
/// CLI, managed identity.
fn credential() -> Result<Arc<dyn TokenCredential>, Error> {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    if let Some(token) = var("AZURE_ACCESS_TOKEN") {
        return Ok(Arc::new(arm::StaticToken(token)));
    }
    let failed = |e: azure_core::Error| Error::Credential(e.to_string());
    if let (Some(tenant), Some(client), Some(secret)) = (
        var("AZURE_TENANT_ID"),
        var("AZURE_CLIENT_ID"),
        var("AZURE_CLIENT_SECRET"),
    ) {
        let credential = azure_identity::ClientSecretCredential::new(
            &tenant,
            client,
            azure_core::credentials::Secret::new(secret),
            None,
        )
        .map_err(failed)?;
        return Ok(credential);
    }
    if var("AZURE_FEDERATED_TOKEN_FILE").is_some() {
        return Ok(azure_identity::WorkloadIdentityCredential::new(None).map_err(failed)?);
    }
    let cli = azure_identity::AzureCliCredential::new(None).map_err(failed)?;
    let managed = azure_identity::ManagedIdentityCredential::new(None).map_err(failed)?;
    Ok(Arc::new(services::FirstOf(vec![cli, managed])))
}

/// Collects every subscription the options name.
pub async fn collect(options: &Options) -> Result<Collected, Error> {
    // One TLS implementation for every client, including the credentials'.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let mapping = builtin_mapping().map_err(Error::Setup)?;
    let versions = mapping
        .api_versions
        .iter()
        .map(|(k, v)| (k.to_ascii_lowercase(), v.clone()))
        .collect();
    let endpoint = options
        .arm_endpoint
        .as_deref()
        .unwrap_or(PUBLIC_ARM_ENDPOINT);
    let arm = Arm::new(endpoint, credential()?, versions).map_err(Error::Setup)?;
    let subscriptions = if options.subscriptions.is_empty() {
        let listed = arm.list("/subscriptions").await.map_err(|e| {
            Error::Subscriptions(match e {
                CallFailure::NotFound => "not found".into(),
                CallFailure::Failed(m) => m,
            })
        })?;
        listed
            .iter()
            .filter(|s| s["state"].as_str().is_none_or(|state| state == "Enabled"))
            .filter_map(|s| s["subscriptionId"].as_str().map(str::to_string))
            .collect()
    } else {
        options.subscriptions.clone()
    };
    let limit = Semaphore::new(options.concurrency.max(1));
    let progress = copguard_snapshot::progress_bar(
        options.progress,
        (subscriptions.len() * services::SERVICES.len()) as u64,
        "service-subscriptions",
    );
    let collected_at = copguard_snapshot::now_rfc3339();
    let cloud = arm.cloud();
    let snapshots = futures::future::join_all(subscriptions.iter().map(|subscription| {
        collect_subscription(
            &arm,
            subscription,
            &limit,
            &progress,
            &mapping,
            &collected_at,
            &cloud,
        )
    }))
    .await;
    progress.finish_and_clear();
    Ok(Collected {
        snapshots,
        calls: arm.calls(),
    })
}

async fn collect_subscription(
    arm: &Arm,
    subscription: &str,
    limit: &Semaphore,
    progress: &indicatif::ProgressBar,
    mapping: &mapping::Mapping,
    collected_at: &str,
    cloud: &str,
) -> Snapshot {
    let runs = futures::future::join_all(services::SERVICES.iter().map(|service| async move {
        let _permit = limit.acquire().await;
        let mut run = services::Run::new(arm, subscription, service.name);
        (service.collect)(&mut run).await;
        progress.inc(1);
        run
    }))
    .await;
    let mut resources = Vec::new();
    let mut errors = Vec::new();
    for run in runs {
        resources.extend(run.resources);
        errors.extend(run.errors);
    }
    let mut regions: Vec<String> = resources
        .iter()
        .map(|r| r.region.clone())
        .filter(|r| r != "global")
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    regions.sort();
    let resources = resources
        .into_iter()
        .map(|raw| {
            let (attributes, unknown) = mapping.apply(raw.resource_type, &raw.api, &raw.unknown);
            SnapshotResource {
                address: raw.address,
                resource_type: raw.resource_type.to_string(),
                arn: None,
                region: raw.region,
                attributes,
                unknown: unknown.into_iter().collect(),
            }
        })
        .collect();
    let mut snapshot = Snapshot {
        kind: copguard_snapshot::SNAPSHOT_KIND,
        format_version: copguard_snapshot::FORMAT_VERSION,
        tool: Tool {
            name: "copguard-azure",
            version: env!("CARGO_PKG_VERSION"),
        },
        provider: "azure",
        account_id: subscription.to_string(),
        partition: cloud.to_string(),
        regions,
        services: services::SERVICES
            .iter()
            .map(|s| s.name.to_string())
            .collect(),
        collected_at: collected_at.to_string(),
        resources,
        errors: errors.into_iter().collect::<Vec<CallError>>(),
    };
    snapshot.sort();
    snapshot
}

/// Collects and writes the snapshots, on a runtime of its own; Ctrl-C stops
/// collection before anything is written.
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
