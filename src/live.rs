//! Live collection, the third input beside Terraform and Kubernetes:
//! `copguard snapshot aws|azure` and `copguard scan --live aws|azure` run
//! a collector (the `copguard-aws` and `copguard-azure` crates, behind the
//! `aws` and `azure` features) and write snapshot files, which the scan then
//! reads like any other input (`sources::snapshot`). A build without the
//! feature says how to rebuild.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// What to collect from AWS, as the command line gives it.
#[derive(Debug, Clone, Default)]
pub struct AwsOptions {
    pub profile: Option<String>,
    pub regions: Vec<String>,
    pub all_regions: bool,
    /// Service names (`s3`, `ec2`, ...); empty: all.
    pub services: Vec<String>,
    pub concurrency: usize,
    pub endpoint_url: Option<String>,
    pub assume_roles: Vec<String>,
    pub org_role: Option<String>,
    pub progress: bool,
}

/// The command that builds a copguard with the collectors.
pub const REBUILD: &str = "cargo install --locked --path . --features live";

/// What to collect from Azure, as the command line gives it.
#[derive(Debug, Clone, Default)]
pub struct AzureOptions {
    pub subscriptions: Vec<String>,
    pub concurrency: usize,
    pub arm_endpoint: Option<String>,
    pub progress: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum LiveError {
    #[error("this copguard was built without the live {provider} collector (cargo feature `{feature}`); rebuild it with:\n    {REBUILD}\n(or `cargo build --release --features {feature}`)")]
    NotBuilt {
        provider: &'static str,
        feature: &'static str,
    },
    #[error("{0}")]
    Options(String),
    #[error("interrupted: no snapshot was written")]
    Interrupted,
    #[error("{0}")]
    Collector(String),
}

/// What a collection wrote.
#[derive(Debug, Clone, Default)]
pub struct Written {
    /// One snapshot file per account.
    pub paths: Vec<PathBuf>,
    /// Calls that failed and were recorded in the snapshots' `errors`.
    pub call_errors: usize,
    /// Every API operation sent (`Service:Operation`).
    pub calls: BTreeSet<String>,
}

/// Takes snapshots of the accounts `options` name and writes them to
/// `output` (a file for one account, a directory for several; default: the
/// current directory, one `copguard-aws-<account>-<time>.json` each).
#[cfg(feature = "aws")]
pub fn snapshot_aws(options: &AwsOptions, output: Option<&Path>) -> Result<Written, LiveError> {
    let services = options
        .services
        .iter()
        .map(|s| s.parse::<copguard_aws::Service>())
        .collect::<Result<Vec<_>, String>>()
        .map_err(LiveError::Options)?;
    let collector = copguard_aws::Options {
        profile: options.profile.clone(),
        regions: options.regions.clone(),
        all_regions: options.all_regions,
        services,
        concurrency: options.concurrency,
        endpoint_url: options.endpoint_url.clone(),
        assume_roles: options.assume_roles.clone(),
        org_role: options.org_role.clone(),
        progress: options.progress,
    };
    match copguard_aws::run(&collector, output) {
        Ok((paths, collected)) => Ok(Written {
            paths,
            call_errors: collected.snapshots.iter().map(|s| s.errors.len()).sum(),
            calls: collected.calls,
        }),
        Err(copguard_aws::Error::Interrupted) => Err(LiveError::Interrupted),
        Err(error) => Err(LiveError::Collector(error.to_string())),
    }
}

#[cfg(not(feature = "aws"))]
pub fn snapshot_aws(_options: &AwsOptions, _output: Option<&Path>) -> Result<Written, LiveError> {
    Err(LiveError::NotBuilt {
        provider: "AWS",
        feature: "aws",
    })
}

/// Takes snapshots of the subscriptions `options` name (every one the
/// credential can list when none), like [`snapshot_aws`].
#[cfg(feature = "azure")]
pub fn snapshot_azure(options: &AzureOptions, output: Option<&Path>) -> Result<Written, LiveError> {
    let collector = copguard_azure::Options {
        subscriptions: options.subscriptions.clone(),
        concurrency: options.concurrency,
        arm_endpoint: options.arm_endpoint.clone(),
        progress: options.progress,
    };
    match copguard_azure::run(&collector, output) {
        Ok((paths, collected)) => Ok(Written {
            paths,
            call_errors: collected.snapshots.iter().map(|s| s.errors.len()).sum(),
            calls: collected.calls,
        }),
        Err(copguard_azure::Error::Interrupted) => Err(LiveError::Interrupted),
        Err(error) => Err(LiveError::Collector(error.to_string())),
    }
}

#[cfg(not(feature = "azure"))]
pub fn snapshot_azure(
    _options: &AzureOptions,
    _output: Option<&Path>,
) -> Result<Written, LiveError> {
    Err(LiveError::NotBuilt {
        provider: "Azure",
        feature: "azure",
    })
}
