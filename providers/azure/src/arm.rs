//! Azure Resource Manager over REST, through azure_core's pipeline: bearer
//! tokens from a credential, retries with `Retry-After` on 429 and 503
//! (azure_core's retry policy), `nextLink` paging, and the `api-version` of
//! each resource provider from one table (`live.yaml`). Every call is
//! recorded as `GET Namespace/type/subtype`, so a test can check that the
//! collector asks for nothing outside the permissions README lists.

use async_trait::async_trait;
use azure_core::credentials::{AccessToken, Secret, TokenCredential, TokenRequestOptions};
use azure_core::http::policies::{Policy, PolicyResult};
use azure_core::http::{
    ClientOptions, Context, ExponentialRetryOptions, Method, Pipeline, PipelineSendOptions,
    Request, RetryOptions, Transport, Url,
};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};

/// The scope of Resource Manager tokens on the public cloud; other clouds
/// take `<endpoint>/.default`.
const PUBLIC_ARM: &str = "https://management.azure.com/";

/// Why a call gave nothing.
#[derive(Debug, Clone)]
pub(crate) enum CallFailure {
    /// 404: the thing is not there (an unset setting, a deleted resource).
    NotFound,
    /// Anything else, as a user can act on it: `AuthorizationFailed: ...`,
    /// `MissingSubscriptionRegistration: ...`, a transport error.
    Failed(String),
}

/// A Resource Manager client for one run.
pub(crate) struct Arm {
    pipeline: Pipeline,
    endpoint: Url,
    versions: BTreeMap<String, String>,
    calls: Mutex<BTreeSet<String>>,
}

impl Arm {
    pub(crate) fn new(
        endpoint: &str,
        credential: Arc<dyn TokenCredential>,
        versions: BTreeMap<String, String>,
    ) -> Result<Arm, String> {
        let endpoint =
            Url::parse(endpoint).map_err(|e| format!("--arm-endpoint {endpoint}: {e}"))?;
        let scope = format!("{}/.default", endpoint.as_str().trim_end_matches('/'));
        let client = reqwest::Client::builder()
            .build()
            .map_err(|e| format!("cannot start the HTTPS client: {e}"))?;
        let options = ClientOptions {
            transport: Some(Transport::new(Arc::new(client))),
            retry: RetryOptions::exponential(ExponentialRetryOptions {
                max_retries: 6,
                ..ExponentialRetryOptions::default()
            }),
            ..ClientOptions::default()
        };
        let auth: Arc<dyn Policy> = Arc::new(Bearer { credential, scope });
        let pipeline = Pipeline::new(
            Some("copguard-azure"),
            Some(env!("CARGO_PKG_VERSION")),
            options,
            Vec::new(),
            vec![auth],
            None,
        );
        Ok(Arm {
            pipeline,
            endpoint,
            versions,
            calls: Mutex::new(BTreeSet::new()),
        })
    }

    /// The cloud the endpoint belongs to, for the snapshot's `partition`.
    pub(crate) fn cloud(&self) -> String {
        if self.endpoint.as_str() == PUBLIC_ARM {
            "AzureCloud".to_string()
        } else {
            self.endpoint.host_str().unwrap_or("custom").to_string()
        }
    }

    pub(crate) fn calls(&self) -> BTreeSet<String> {
        self.calls.lock().map(|c| c.clone()).unwrap_or_default()
    }

    /// One resource (or settings object) at `path`.
    pub(crate) async fn get(&self, path: &str) -> Result<Value, CallFailure> {
        let url = self.url(path)?;
        self.send(url).await
    }

    /// Every item of a list at `path`, following `nextLink` page by page.
    pub(crate) async fn list(&self, path: &str) -> Result<Vec<Value>, CallFailure> {
        let mut items = Vec::new();
        let mut url = Some(self.url(path)?);
        let mut pages = 0;
        while let Some(next) = url.take() {
            pages += 1;
            if pages > 10_000 {
                return Err(CallFailure::Failed(format!(
                    "{path}: more than 10,000 pages"
                )));
            }
            let page = self.send(next).await?;
            if let Some(Value::Array(values)) = page.get("value") {
                items.extend(values.iter().cloned());
            }
            if let Some(link) = page.get("nextLink").and_then(Value::as_str) {
                let link = Url::parse(link)
                    .map_err(|e| CallFailure::Failed(format!("nextLink {link}: {e}")))?;
                // The token goes only where the endpoint is.
                if link.host_str() != self.endpoint.host_str()
                    || link.port() != self.endpoint.port()
                {
                    return Err(CallFailure::Failed(format!(
                        "nextLink {link} leaves {}; not followed",
                        self.endpoint
                    )));
                }
                url = Some(link);
            }
        }
        Ok(items)
    }

    fn url(&self, path: &str) -> Result<Url, CallFailure> {
        let namespace = namespace_of(path);
        let version = self
            .versions
            .get(&namespace.to_ascii_lowercase())
            .ok_or_else(|| {
                CallFailure::Failed(format!("no api-version for {namespace} in live.yaml"))
            })?;
        let mut url = self
            .endpoint
            .join(path.trim_start_matches('/'))
            .map_err(|e| CallFailure::Failed(format!("{path}: {e}")))?;
        // The rest of the query ($filter) is kept exactly as written.
        if !url.query_pairs().any(|(k, _)| k == "api-version") {
            url.query_pairs_mut().append_pair("api-version", version);
        }
        Ok(url)
    }

    async fn send(&self, url: Url) -> Result<Value, CallFailure> {
        if let Ok(mut calls) = self.calls.lock() {
            calls.insert(format!("GET {}", operation_of(url.path())));
        }
        let mut request = Request::new(url, Method::Get);
        let options = PipelineSendOptions {
            skip_checks: true,
            ..PipelineSendOptions::default()
        };
        let response = self
            .pipeline
            .send(&Context::default(), &mut request, Some(options))
            .await
            .map_err(|e| CallFailure::Failed(e.to_string()))?;
        let status = u16::from(response.status());
        let body: Value = serde_json::from_slice(response.body().as_ref()).unwrap_or(Value::Null);
        match status {
            200..=299 => Ok(body),
            404 => Err(CallFailure::NotFound),
            _ => {
                let error = &body["error"];
                let message = match (error["code"].as_str(), error["message"].as_str()) {
                    (Some(code), Some(message)) => format!("{code}: {message}"),
                    (Some(code), None) => code.to_string(),
                    _ => format!("HTTP {status}"),
                };
                Err(CallFailure::Failed(message))
            }
        }
    }
}

/// The resource provider namespace a path belongs to (the last
/// `providers/<Namespace>`), `Microsoft.Resources` for subscriptions.
fn namespace_of(path: &str) -> String {
    let segments: Vec<&str> = path.split('?').next().unwrap_or("").split('/').collect();
    segments
        .iter()
        .rposition(|s| s.eq_ignore_ascii_case("providers"))
        .and_then(|i| segments.get(i + 1))
        .map_or_else(|| "Microsoft.Resources".to_string(), |s| s.to_string())
}

/// `Namespace/type/subtype` of a path, without names: the operation as
/// Azure RBAC names it (less the trailing `/read`).
pub(crate) fn operation_of(path: &str) -> String {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    match segments
        .iter()
        .rposition(|s| s.eq_ignore_ascii_case("providers"))
    {
        Some(i) => {
            let mut parts = vec![segments.get(i + 1).copied().unwrap_or("")];
            // After the namespace: type, name, type, name, ...
            parts.extend(segments.iter().skip(i + 2).step_by(2).copied());
            parts.join("/")
        }
        None => "Microsoft.Resources/subscriptions".to_string(),
    }
}

/// Adds the bearer token; refuses to send it in clear text except to a
/// loopback address (test servers).
#[derive(Debug)]
struct Bearer {
    credential: Arc<dyn TokenCredential>,
    scope: String,
}

#[async_trait]
impl Policy for Bearer {
    async fn send(
        &self,
        ctx: &Context,
        request: &mut Request,
        next: &[Arc<dyn Policy>],
    ) -> PolicyResult {
        let url = request.url();
        let loopback = matches!(url.host_str(), Some("127.0.0.1" | "localhost" | "[::1]"));
        if url.scheme() != "https" && !loopback {
            return Err(azure_core::Error::with_message(
                azure_core::error::ErrorKind::Other,
                "a bearer token is only sent over TLS (or to a loopback test endpoint)",
            ));
        }
        let token = self.credential.get_token(&[&self.scope], None).await?;
        request.insert_header(
            azure_core::http::headers::AUTHORIZATION,
            format!("Bearer {}", token.token.secret()),
        );
        next[0].send(ctx, request, &next[1..]).await
    }
}

/// A bearer token given as is (`AZURE_ACCESS_TOKEN`, what `az account
/// get-access-token` prints).
#[derive(Debug)]
pub(crate) struct StaticToken(pub(crate) String);

#[async_trait]
impl TokenCredential for StaticToken {
    async fn get_token(
        &self,
        _scopes: &[&str],
        _options: Option<TokenRequestOptions<'_>>,
    ) -> azure_core::Result<AccessToken> {
        Ok(AccessToken::new(
            Secret::new(self.0.clone()),
            time::OffsetDateTime::now_utc() + time::Duration::hours(1),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operations_name_the_resource_type_not_the_resource() {
        assert_eq!(
            operation_of("/subscriptions"),
            "Microsoft.Resources/subscriptions"
        );
        assert_eq!(
            operation_of("/subscriptions/s/providers/Microsoft.Storage/storageAccounts"),
            "Microsoft.Storage/storageAccounts"
        );
        assert_eq!(
            operation_of("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/a/blobServices/default/containers"),
            "Microsoft.Storage/storageAccounts/blobServices/containers"
        );
        assert_eq!(
            operation_of("/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/v/providers/Microsoft.Insights/diagnosticSettings"),
            "Microsoft.Insights/diagnosticSettings"
        );
        assert_eq!(
            namespace_of("/subscriptions/s/providers/Microsoft.Sql/servers"),
            "Microsoft.Sql"
        );
        assert_eq!(namespace_of("/subscriptions"), "Microsoft.Resources");
    }
}
