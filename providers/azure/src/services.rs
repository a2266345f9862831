//! What the collector reads from each resource provider, as Resource
//! Manager returns it: storage accounts (blob service, containers' public
//! access), key vaults (keys' and secrets' expiry, never values; diagnostic
//! settings), SQL servers and databases (TDE, auditing, firewall rules),
//! network security groups, Network Watcher flow logs, custom roles, AKS
//! clusters, Linux VMs, the subscription's diagnostic settings and Log
//! Analytics workspaces, Defender for Cloud pricings.

use crate::arm::{operation_of, Arm, CallFailure};
use crate::Raw;
use async_trait::async_trait;
use azure_core::credentials::{AccessToken, TokenCredential, TokenRequestOptions};
use copguard_snapshot::CallError;
use serde_json::{Map, Value};
use std::collections::BTreeSet;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

type Collect = for<'r, 'a> fn(&'r mut Run<'a>) -> Pin<Box<dyn Future<Output = ()> + Send + 'r>>;

pub(crate) struct Service {
    pub name: &'static str,
    pub collect: Collect,
}

macro_rules! service {
    ($name:literal, $function:ident) => {
        Service {
            name: $name,
            collect: |run| Box::pin($function(run)),
        }
    };
}

/// Every service, collected concurrently per subscription.
pub(crate) const SERVICES: &[Service] = &[
    service!("storage", storage),
    service!("keyvault", key_vaults),
    service!("sql", sql),
    service!("network", network),
    service!("authorization", custom_roles),
    service!("aks", aks),
    service!("compute", linux_vms),
    service!("monitor", monitor),
    service!("security", defender),
];

/// One service's collection in one subscription.
pub(crate) struct Run<'a> {
    arm: &'a Arm,
    subscription: &'a str,
    service: &'static str,
    pub resources: Vec<Raw>,
    pub errors: Vec<CallError>,
}

impl<'a> Run<'a> {
    pub(crate) fn new(arm: &'a Arm, subscription: &'a str, service: &'static str) -> Run<'a> {
        Run {
            arm,
            subscription,
            service,
            resources: Vec::new(),
            errors: Vec::new(),
        }
    }

    fn record(&mut self, path: &str, message: String) {
        self.errors.push(CallError {
            account: self.subscription.to_string(),
            service: self.service.to_string(),
            region: "global".to_string(),
            api: format!(
                "GET {}",
                operation_of(path.split('?').next().unwrap_or(path))
            ),
            message,
        });
    }

    /// A list; `None` (recorded) when the call failed.
    async fn list(&mut self, path: &str) -> Option<Vec<Value>> {
        match self.arm.list(path).await {
            Ok(items) => Some(items),
            Err(CallFailure::NotFound) => Some(Vec::new()),
            Err(CallFailure::Failed(message)) => {
                self.record(path, message);
                None
            }
        }
    }

    /// One object: `Ok(None)` when it is not there, `Err` (recorded) when
    /// the call failed.
    async fn get(&mut self, path: &str) -> Result<Option<Value>, ()> {
        match self.arm.get(path).await {
            Ok(value) => Ok(Some(value)),
            Err(CallFailure::NotFound) => Ok(None),
            Err(CallFailure::Failed(message)) => {
                self.record(path, message);
                Err(())
            }
        }
    }

    /// The subscription's own path.
    fn at(&self, rest: &str) -> String {
        format!("/subscriptions/{}{rest}", self.subscription)
    }

    fn push(
        &mut self,
        resource_type: &'static str,
        item: &Value,
        extra: Map<String, Value>,
        unknown: BTreeSet<String>,
    ) {
        let Some(id) = item["id"].as_str() else {
            return;
        };
        let mut api = item.as_object().cloned().unwrap_or_default();
        api.extend(extra);
        self.resources.push(Raw {
            resource_type,
            address: id.to_string(),
            region: item["location"].as_str().unwrap_or("global").to_string(),
            api,
            unknown,
        });
    }
}

fn id_of(item: &Value) -> Option<String> {
    item["id"].as_str().map(str::to_string)
}

fn one(key: &str, value: Value) -> Map<String, Value> {
    let mut map = Map::new();
    map.insert(key.to_string(), value);
    map
}

/// Key Vault's `exp` (Unix seconds) as azurerm's `expiration_date`.
fn expiry(item: &Value) -> Map<String, Value> {
    let date = item["properties"]["attributes"]["exp"]
        .as_i64()
        .and_then(|seconds| time::OffsetDateTime::from_unix_timestamp(seconds).ok())
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        });
    match date {
        Some(date) => one("expirationDate", Value::String(date)),
        None => Map::new(),
    }
}

async fn storage(run: &mut Run<'_>) {
    let path = run.at("/providers/Microsoft.Storage/storageAccounts");
    let Some(accounts) = run.list(&path).await else {
        return;
    };
    for account in accounts {
        let Some(id) = id_of(&account) else { continue };
        let mut extra = Map::new();
        let mut unknown = BTreeSet::new();
        if account["kind"].as_str() != Some("FileStorage") {
            match run.get(&format!("{id}/blobServices/default")).await {
                Ok(Some(blob)) => {
                    let policy = &blob["properties"]["deleteRetentionPolicy"];
                    let mut service = Map::new();
                    if policy["enabled"].as_bool() == Some(true) {
                        service.insert("deleteRetentionDays".into(), policy["days"].clone());
                    }
                    extra.insert("blobService".into(), Value::Object(service));
                }
                Ok(None) => {}
                Err(()) => {
                    unknown.insert("blobService".to_string());
                }
            }
            if let Some(containers) = run
                .list(&format!("{id}/blobServices/default/containers"))
                .await
            {
                for container in containers {
                    run.push(
                        "azurerm_storage_container",
                        &container,
                        one("storageAccountId", Value::String(id.clone())),
                        BTreeSet::new(),
                    );
                }
            }
        }
        run.push("azurerm_storage_account", &account, extra, unknown);
    }
}

async fn key_vaults(run: &mut Run<'_>) {
    let path = run.at("/providers/Microsoft.KeyVault/vaults");
    let Some(vaults) = run.list(&path).await else {
        return;
    };
    for vault in vaults {
        let Some(id) = id_of(&vault) else { continue };
        for (kind, resource_type) in [
            ("keys", "azurerm_key_vault_key"),
            ("secrets", "azurerm_key_vault_secret"),
        ] {
            if let Some(items) = run.list(&format!("{id}/{kind}")).await {
                for item in items {
                    let mut extra = expiry(&item);
                    extra.insert("keyVaultId".into(), Value::String(id.clone()));
                    run.push(resource_type, &item, extra, BTreeSet::new());
                }
            }
        }
        diagnostic_settings(run, &id).await;
        run.push("azurerm_key_vault", &vault, Map::new(), BTreeSet::new());
    }
}

/// The diagnostic settings of a resource (or of the subscription: the
/// activity log), with only their enabled log categories.
async fn diagnostic_settings(run: &mut Run<'_>, target: &str) {
    let Some(settings) = run
        .list(&format!(
            "{target}/providers/Microsoft.Insights/diagnosticSettings"
        ))
        .await
    else {
        return;
    };
    for setting in settings {
        let enabled: Vec<Value> = setting["properties"]["logs"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|log| log["enabled"].as_bool() != Some(false))
            .cloned()
            .collect();
        let mut extra = one("targetResourceId", Value::String(target.to_string()));
        extra.insert("enabledLogs".into(), Value::Array(enabled));
        run.push(
            "azurerm_monitor_diagnostic_setting",
            &setting,
            extra,
            BTreeSet::new(),
        );
    }
}

async fn sql(run: &mut Run<'_>) {
    let path = run.at("/providers/Microsoft.Sql/servers");
    let Some(servers) = run.list(&path).await else {
        return;
    };
    for server in servers {
        let Some(id) = id_of(&server) else { continue };
        let mut extra = Map::new();
        let mut unknown = BTreeSet::new();
        match run
            .get(&format!("{id}/extendedAuditingSettings/default"))
            .await
        {
            Ok(Some(audit)) => {
                extra.insert("extendedAuditing".into(), audit["properties"].clone());
            }
            Ok(None) => {}
            Err(()) => {
                unknown.insert("extendedAuditing".to_string());
            }
        }
        if let Some(rules) = run.list(&format!("{id}/firewallRules")).await {
            for rule in rules {
                run.push(
                    "azurerm_mssql_firewall_rule",
                    &rule,
                    one("serverId", Value::String(id.clone())),
                    BTreeSet::new(),
                );
            }
        }
        if let Some(databases) = run.list(&format!("{id}/databases")).await {
            for database in databases {
                let Some(database_id) = id_of(&database) else {
                    continue;
                };
                if database["name"].as_str() == Some("master") {
                    continue;
                }
                let mut db_extra = one("serverId", Value::String(id.clone()));
                let mut db_unknown = BTreeSet::new();
                match run
                    .get(&format!("{database_id}/transparentDataEncryption/current"))
                    .await
                {
                    Ok(Some(tde)) => {
                        db_extra.insert(
                            "transparentDataEncryption".into(),
                            tde["properties"].clone(),
                        );
                    }
                    Ok(None) => {}
                    Err(()) => {
                        db_unknown.insert("transparentDataEncryption".to_string());
                    }
                }
                run.push("azurerm_mssql_database", &database, db_extra, db_unknown);
            }
        }
        run.push("azurerm_mssql_server", &server, extra, unknown);
    }
}

async fn network(run: &mut Run<'_>) {
    let path = run.at("/providers/Microsoft.Network/networkSecurityGroups");
    if let Some(groups) = run.list(&path).await {
        for group in groups {
            run.push(
                "azurerm_network_security_group",
                &group,
                Map::new(),
                BTreeSet::new(),
            );
        }
    }
    let path = run.at("/providers/Microsoft.Network/networkWatchers");
    let Some(watchers) = run.list(&path).await else {
        return;
    };
    for watcher in watchers {
        let Some(id) = id_of(&watcher) else { continue };
        if let Some(logs) = run.list(&format!("{id}/flowLogs")).await {
            for log in logs {
                run.push(
                    "azurerm_network_watcher_flow_log",
                    &log,
                    Map::new(),
                    BTreeSet::new(),
                );
            }
        }
    }
}

async fn custom_roles(run: &mut Run<'_>) {
    let path = run.at(
        "/providers/Microsoft.Authorization/roleDefinitions?$filter=type%20eq%20%27CustomRole%27",
    );
    let Some(roles) = run.list(&path).await else {
        return;
    };
    for role in roles {
        if role["properties"]["type"]
            .as_str()
            .is_some_and(|t| t != "CustomRole")
        {
            continue;
        }
        run.push(
            "azurerm_role_definition",
            &role,
            Map::new(),
            BTreeSet::new(),
        );
    }
}

async fn aks(run: &mut Run<'_>) {
    let path = run.at("/providers/Microsoft.ContainerService/managedClusters");
    let Some(clusters) = run.list(&path).await else {
        return;
    };
    for cluster in clusters {
        run.push(
            "azurerm_kubernetes_cluster",
            &cluster,
            Map::new(),
            BTreeSet::new(),
        );
    }
}

async fn linux_vms(run: &mut Run<'_>) {
    let path = run.at("/providers/Microsoft.Compute/virtualMachines");
    let Some(machines) = run.list(&path).await else {
        return;
    };
    for machine in machines {
        if machine["properties"]["osProfile"]["linuxConfiguration"].is_object() {
            run.push(
                "azurerm_linux_virtual_machine",
                &machine,
                Map::new(),
                BTreeSet::new(),
            );
        }
    }
}

async fn monitor(run: &mut Run<'_>) {
    let subscription = run.at("");
    diagnostic_settings(run, &subscription).await;
    let path = run.at("/providers/Microsoft.OperationalInsights/workspaces");
    let Some(workspaces) = run.list(&path).await else {
        return;
    };
    for workspace in workspaces {
        run.push(
            "azurerm_log_analytics_workspace",
            &workspace,
            Map::new(),
            BTreeSet::new(),
        );
    }
}

async fn defender(run: &mut Run<'_>) {
    let path = run.at("/providers/Microsoft.Security/pricings");
    let Some(pricings) = run.list(&path).await else {
        return;
    };
    for pricing in pricings {
        run.push(
            "azurerm_security_center_subscription_pricing",
            &pricing,
            Map::new(),
            BTreeSet::new(),
        );
    }
}

/// The first credential of a list that gives a token (and its errors
/// joined when none does).
#[derive(Debug)]
pub(crate) struct FirstOf(pub(crate) Vec<Arc<dyn TokenCredential>>);

#[async_trait]
impl TokenCredential for FirstOf {
    async fn get_token(
        &self,
        scopes: &[&str],
        options: Option<TokenRequestOptions<'_>>,
    ) -> azure_core::Result<AccessToken> {
        let mut errors = Vec::new();
        for credential in &self.0 {
            match credential.get_token(scopes, options.clone()).await {
                Ok(token) => return Ok(token),
                Err(error) => errors.push(error.to_string()),
            }
        }
        Err(azure_core::Error::with_message(
            azure_core::error::ErrorKind::Credential,
            format!(
                "no credential gave a token (set AZURE_ACCESS_TOKEN, a service principal in AZURE_TENANT_ID/AZURE_CLIENT_ID/AZURE_CLIENT_SECRET, or run `az login`): {}",
                errors.join("; ")
            ),
        ))
    }
}
