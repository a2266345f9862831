//! `copguard scan --download-modules`: fetches the modules that registry
//! and git sources name into a cache directory, so that their resources
//! are scanned like local ones (what `terraform init` would download, without
//! running Terraform).
//!
//! - Registry addresses follow the module registry protocol: service
//!   discovery (`/.well-known/terraform.json`, `modules.v1`), the version
//!   list, the newest version the block's `version` allows
//!   ([`constraint`]), then the `download` endpoint's `X-Terraform-Get`
//!   location: a git repository or a tar.gz archive.
//! - Git sources are cloned with the system `git` ([`git`]).
//! - Credentials are Terraform's: `TF_TOKEN_<host>` variables, then the
//!   `credentials.tfrc.json` that `terraform login` writes ([`Credentials`]).
//! - Only https is spoken, except to loopback hosts (a registry on
//!   127.0.0.1 for tests or a local mirror), which get plain http.
//! - A module is fetched once per cache key (the source without its
//!   subdirectory, and the version constraint or git ref) and kept: the next
//!   run uses the cache without the network. Remove the directory to fetch
//!   again.

pub mod archive;
pub mod constraint;
pub mod git;
pub mod source;

use sha2::{Digest, Sha256};
use source::{RegistryAddress, Remote};
use std::collections::BTreeMap;
use std::io::BufRead;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;
use url::Url;

/// The largest JSON document a registry may answer with.
const MAX_JSON_BYTES: u64 = 8 << 20;
/// The largest archive that is downloaded.
const MAX_ARCHIVE_BYTES: u64 = 256 << 20;
/// What a finished cache entry holds beside the package.
const MANIFEST: &str = "copguard-module.json";

/// What `--download-modules` needs: where the cache is and the tokens.
#[derive(Clone, Default)]
pub struct DownloadOptions {
    pub cache_dir: PathBuf,
    pub credentials: Credentials,
}

impl std::fmt::Debug for DownloadOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DownloadOptions")
            .field("cache_dir", &self.cache_dir)
            .field("credentials", &self.credentials)
            .finish()
    }
}

/// Registry tokens by host (lower case, with its port unless 443).
#[derive(Clone, Default)]
pub struct Credentials {
    tokens: BTreeMap<String, String>,
}

/// Tokens are secrets: only the hosts are shown.
impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_set().entries(self.tokens.keys()).finish()
    }
}

impl Credentials {
    /// As Terraform finds them: `TF_TOKEN_*` variables of `environment`
    /// first, then `credentials.tfrc.json` in `config_dir` (Terraform's
    /// `~/.terraform.d`), when given.
    pub fn new(
        environment: impl IntoIterator<Item = (String, String)>,
        config_dir: Option<&Path>,
    ) -> Credentials {
        let mut tokens = BTreeMap::new();
        if let Some(dir) = config_dir {
            tokens.extend(credentials_file(&dir.join("credentials.tfrc.json")));
        }
        for (name, value) in environment {
            if let Some(host) = token_variable_host(&name) {
                if !value.is_empty() {
                    tokens.insert(host, value);
                }
            }
        }
        Credentials { tokens }
    }

    /// The token for `host` (`app.terraform.io`, `127.0.0.1:8080`).
    pub fn token(&self, host: &str) -> Option<&str> {
        self.tokens.get(&comparable_host(host)).map(String::as_str)
    }
}

/// The host a `TF_TOKEN_` variable is for, as Terraform reads the name:
/// `__` is a hyphen, then `_` a dot (`TF_TOKEN_my__reg_example_com` is
/// `my-reg.example.com`). A variable name cannot hold a port, so these
/// tokens are for hosts on the default port; a host with a port takes its
/// token from `credentials.tfrc.json`.
pub fn token_variable_host(name: &str) -> Option<String> {
    let raw = name.strip_prefix("TF_TOKEN_")?;
    if raw.is_empty() {
        return None;
    }
    Some(comparable_host(&raw.replace("__", "-").replace('_', ".")))
}

/// Hosts compare in lower case, without the default https port.
fn comparable_host(host: &str) -> String {
    let host = host.to_ascii_lowercase();
    match host.strip_suffix(":443") {
        Some(bare) => bare.to_string(),
        None => host,
    }
}

/// `{"credentials": {"HOST": {"token": "..."}}}`; a file that is missing or
/// unreadable gives no tokens.
fn credentials_file(path: &Path) -> BTreeMap<String, String> {
    #[derive(serde::Deserialize)]
    struct File {
        #[serde(default)]
        credentials: BTreeMap<String, Entry>,
    }
    #[derive(serde::Deserialize)]
    struct Entry {
        token: Option<String>,
    }
    let Ok(text) = std::fs::read_to_string(path) else {
        return BTreeMap::new();
    };
    let Ok(file) = serde_json::from_str::<File>(&text) else {
        return BTreeMap::new();
    };
    file.credentials
        .into_iter()
        .filter_map(|(host, entry)| Some((comparable_host(&host), entry.token?)))
        .collect()
}

/// A downloaded module: the package (what was fetched, whole) and the
/// module's directory in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetched {
    pub package: PathBuf,
    pub dir: PathBuf,
}

/// A cache entry: the package and the subdirectory the source named
/// (`X-Terraform-Get`'s `//subdir`).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct Manifest {
    source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    version: Option<String>,
    #[serde(default)]
    subdir: String,
}

type Slot = Arc<OnceLock<Result<(PathBuf, Manifest), String>>>;

/// Fetches modules into the cache, each once per run even when called from
/// many places (threads asking for the same entry wait for the first).
pub struct Downloader {
    cache: PathBuf,
    credentials: Credentials,
    /// Refuses plain http, redirects included.
    https: ureq::Agent,
    /// For loopback hosts only.
    loopback: ureq::Agent,
    entries: Mutex<BTreeMap<String, Slot>>,
}

impl std::fmt::Debug for Downloader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Downloader")
            .field("cache", &self.cache)
            .finish_non_exhaustive()
    }
}

impl Downloader {
    pub fn new(options: &DownloadOptions) -> Downloader {
        let agent = |https_only: bool| {
            let tls = ureq::tls::TlsConfig::builder()
                .root_certs(ureq::tls::RootCerts::PlatformVerifier)
                .build();
            ureq::Agent::new_with_config(
                ureq::Agent::config_builder()
                    .https_only(https_only)
                    .tls_config(tls)
                    .timeout_connect(Some(Duration::from_secs(30)))
                    .timeout_global(Some(Duration::from_secs(600)))
                    .user_agent(concat!("copguard/", env!("CARGO_PKG_VERSION")))
                    .build(),
            )
        };
        Downloader {
            cache: options.cache_dir.clone(),
            credentials: options.credentials.clone(),
            https: agent(true),
            loopback: agent(false),
            entries: Mutex::new(BTreeMap::new()),
        }
    }

    /// The directory of the module that `source` names, with `version` its
    /// block's constraint (registry sources only), from the cache or
    /// downloaded into it.
    pub fn module(&self, source: &str, version: Option<&str>) -> Result<Fetched, String> {
        let remote = source::parse(source)?;
        let (key, subdir) = match &remote {
            Remote::Registry(address) => (
                format!("registry {} {}", address.package(), version.unwrap_or("")),
                address.subdir.clone(),
            ),
            Remote::Git {
                url,
                reference,
                subdir,
            } => (
                format!("git {url} {}", reference.as_deref().unwrap_or("")),
                subdir.clone(),
            ),
            Remote::Archive { url, subdir } => (format!("archive {url}"), subdir.clone()),
        };
        if version.is_some() && !matches!(remote, Remote::Registry(_)) {
            return Err(
                "`version` applies to registry modules only; pin git sources with ?ref="
                    .to_string(),
            );
        }
        let (package, manifest) = self.entry(&key, source, |package| match &remote {
            Remote::Registry(address) => self.fetch_registry(address, version, package),
            // The source's own subdirectory is applied below: the entry
            // is the whole repository or archive.
            other => self
                .fetch_remote(other, package, None)
                .map(|_| (None, String::new())),
        })?;
        let dir =
            subdirectory(&package, &manifest.subdir).and_then(|dir| subdirectory(&dir, &subdir))?;
        Ok(Fetched { package, dir })
    }

    /// The cache entry `key`: read when it is there, else fetched by
    /// `fetch` into a temporary directory renamed into place when complete.
    fn entry(
        &self,
        key: &str,
        source: &str,
        fetch: impl FnOnce(&Path) -> Result<(Option<String>, String), String>,
    ) -> Result<(PathBuf, Manifest), String> {
        let slot = {
            let mut entries = self
                .entries
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            entries.entry(key.to_string()).or_default().clone()
        };
        slot.get_or_init(|| {
            let hash = Sha256::digest(key.as_bytes());
            let name: String = hash[..12].iter().map(|b| format!("{b:02x}")).collect();
            let entry = self.cache.join(&name);
            if let Some(found) = read_entry(&entry) {
                return Ok(found);
            }
            std::fs::create_dir_all(&self.cache).map_err(|e| {
                format!(
                    "cannot create the module cache {}: {e}",
                    self.cache.display()
                )
            })?;
            let staging = tempfile::Builder::new()
                .prefix(&format!(".{name}-"))
                .tempdir_in(&self.cache)
                .map_err(|e| {
                    format!(
                        "cannot write to the module cache {}: {e}",
                        self.cache.display()
                    )
                })?;
            let package = staging.path().join("package");
            let (version, subdir) = fetch(&package)?;
            let manifest = Manifest {
                source: source.to_string(),
                version,
                subdir,
            };
            let text = serde_json::to_string_pretty(&manifest).map_err(|e| e.to_string())?;
            std::fs::write(staging.path().join(MANIFEST), text)
                .map_err(|e| format!("cannot write to the module cache: {e}"))?;
            let staged = staging.keep();
            if std::fs::rename(&staged, &entry).is_err() {
                // Another copguard got there first: use its copy.
                let _ = std::fs::remove_dir_all(&staged);
            }
            read_entry(&entry)
                .ok_or_else(|| format!("the module cache entry {} cannot be read", entry.display()))
        })
        .clone()
    }

    /// Resolves a registry address to a version and fetches what its
    /// `download` endpoint points at: (version, subdirectory).
    fn fetch_registry(
        &self,
        address: &RegistryAddress,
        version: Option<&str>,
        package: &Path,
    ) -> Result<(Option<String>, String), String> {
        let constraints = constraint::Constraints::parse(version.unwrap_or(""))?;
        let token = self.credentials.token(&address.host);
        let base = self.discover(&address.host, token)?;
        let module = format!(
            "{}/{}/{}/",
            address.namespace, address.name, address.provider
        );
        let versions_url = join(&base, &format!("{module}versions"))?;
        #[derive(serde::Deserialize)]
        struct Versions {
            modules: Vec<Listed>,
        }
        #[derive(serde::Deserialize)]
        struct Listed {
            versions: Vec<Entry>,
        }
        #[derive(serde::Deserialize)]
        struct Entry {
            version: String,
        }
        let listed: Versions = self.get_json(&versions_url, token)?;
        let all: Vec<String> = listed
            .modules
            .into_iter()
            .flat_map(|m| m.versions)
            .map(|v| v.version)
            .collect();
        let chosen = constraints
            .newest(all.iter().map(String::as_str))
            .ok_or_else(|| match version {
                Some(version) => format!(
                    "no version of {} matches {version:?} (the registry has {})",
                    address.package(),
                    if all.is_empty() {
                        "none".to_string()
                    } else {
                        all.join(", ")
                    }
                ),
                None => format!("the registry lists no release of {}", address.package()),
            })?;
        let download_url = join(&base, &format!("{module}{chosen}/download"))?;
        let location = self.download_location(&download_url, token)?;
        let remote = source::parse_remote(&location)
            .map_err(|e| format!("{download_url} points at {location}: {e}"))?;
        // The registry's own token goes with the archive only to the
        // registry's host.
        let subdir = self.fetch_remote(&remote, package, Some(&address.host))?;
        Ok((Some(chosen), subdir))
    }

    /// Service discovery: the `modules.v1` base URL of `host`, ending in `/`.
    fn discover(&self, host: &str, token: Option<&str>) -> Result<Url, String> {
        let scheme = if is_loopback_host(host) {
            "http"
        } else {
            "https"
        };
        let url = Url::parse(&format!("{scheme}://{host}/.well-known/terraform.json"))
            .map_err(|e| format!("registry host {host}: {e}"))?;
        let services: BTreeMap<String, serde_json::Value> = self.get_json(&url, token)?;
        let base = services
            .get("modules.v1")
            .and_then(|v| v.as_str())
            .ok_or_else(|| format!("{host} is not a module registry (no modules.v1 in {url})"))?;
        let mut base = url
            .join(base)
            .map_err(|e| format!("{url}: modules.v1 {base:?}: {e}"))?;
        if !base.path().ends_with('/') {
            base.set_path(&format!("{}/", base.path()));
        }
        Ok(base)
    }

    /// The `X-Terraform-Get` of a `download` endpoint (or the `location` of
    /// its JSON body), relative references resolved as Terraform does.
    fn download_location(&self, url: &Url, token: Option<&str>) -> Result<String, String> {
        let response = self.get(url, token)?;
        let header = response
            .headers()
            .get("x-terraform-get")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let location = match header {
            Some(location) => location,
            None => {
                #[derive(serde::Deserialize)]
                struct Body {
                    location: String,
                }
                let bytes = response
                    .into_body()
                    .into_with_config()
                    .limit(MAX_JSON_BYTES)
                    .read_to_vec()
                    .map_err(|e| format!("{url}: {e}"))?;
                serde_json::from_slice::<Body>(&bytes)
                    .map_err(|_| format!("{url} gave no X-Terraform-Get header"))?
                    .location
            }
        };
        if ["/", "./", "../"].iter().any(|p| location.starts_with(p)) {
            return url
                .join(&location)
                .map(String::from)
                .map_err(|e| format!("{url}: X-Terraform-Get {location:?}: {e}"));
        }
        Ok(location)
    }

    /// Fetches a git repository or an archive into `package`; the
    /// subdirectory its address names. `registry` is the host whose token
    /// an archive on the same host is fetched with.
    fn fetch_remote(
        &self,
        remote: &Remote,
        package: &Path,
        registry: Option<&str>,
    ) -> Result<String, String> {
        match remote {
            Remote::Git {
                url,
                reference,
                subdir,
            } => {
                if let Ok(parsed) = Url::parse(url) {
                    check_scheme(&parsed, &["https", "ssh", "file", "http"])?;
                }
                git::clone(url, reference.as_deref(), package)?;
                Ok(subdir.clone())
            }
            Remote::Archive { url, subdir } => {
                let mut url = Url::parse(url).map_err(|e| format!("{url}: {e}"))?;
                let kind = take_archive_kind(&mut url);
                if kind.as_deref().is_some_and(|k| k != "tar.gz" && k != "tgz") {
                    return Err(format!(
                        "{url}: {} archives are not supported (tar.gz is)",
                        kind.unwrap_or_default()
                    ));
                }
                let host = url_host(&url);
                let token = registry
                    .filter(|r| comparable_host(r) == comparable_host(&host))
                    .and_then(|r| self.credentials.token(r));
                let response = self.get(&url, token)?;
                let body = response
                    .into_body()
                    .into_with_config()
                    .limit(MAX_ARCHIVE_BYTES)
                    .reader();
                let mut reader = std::io::BufReader::new(body);
                let head = reader.fill_buf().map_err(|e| format!("{url}: {e}"))?;
                if !head.starts_with(&[0x1f, 0x8b]) {
                    return Err(format!("{url} is not a tar.gz archive"));
                }
                std::fs::create_dir_all(package)
                    .map_err(|e| format!("cannot write to the module cache: {e}"))?;
                archive::unpack_tar_gz(reader, package).map_err(|e| format!("{url}: {e}"))?;
                Ok(subdir.clone())
            }
            Remote::Registry(address) => Err(format!(
                "a registry download points at another registry address ({})",
                address.package()
            )),
        }
    }

    fn get(
        &self,
        url: &Url,
        token: Option<&str>,
    ) -> Result<ureq::http::Response<ureq::Body>, String> {
        let agent = if is_loopback(url) {
            &self.loopback
        } else {
            check_scheme(url, &["https"])?;
            &self.https
        };
        let mut request = agent.get(url.as_str());
        if let Some(token) = token {
            request = request.header("Authorization", format!("Bearer {token}"));
        }
        request.call().map_err(|error| match error {
            ureq::Error::StatusCode(code @ (401 | 403)) => {
                let host = url_host(url);
                let hint = if host.contains(':') {
                    format!("add a token for {host} to ~/.terraform.d/credentials.tfrc.json")
                } else {
                    format!(
                        "set TF_TOKEN_{} or run terraform login {host}",
                        host.replace('-', "__").replace('.', "_")
                    )
                };
                format!("{url}: HTTP {code} ({hint})")
            }
            ureq::Error::StatusCode(code) => format!("{url}: HTTP {code}"),
            other => format!("{url}: {other}"),
        })
    }

    fn get_json<T: serde::de::DeserializeOwned>(
        &self,
        url: &Url,
        token: Option<&str>,
    ) -> Result<T, String> {
        let bytes = self
            .get(url, token)?
            .into_body()
            .into_with_config()
            .limit(MAX_JSON_BYTES)
            .read_to_vec()
            .map_err(|e| format!("{url}: {e}"))?;
        serde_json::from_slice(&bytes).map_err(|e| format!("{url}: unexpected answer: {e}"))
    }
}

/// A finished cache entry: its package and manifest.
fn read_entry(entry: &Path) -> Option<(PathBuf, Manifest)> {
    let text = std::fs::read_to_string(entry.join(MANIFEST)).ok()?;
    let manifest = serde_json::from_str(&text).ok()?;
    let package = std::fs::canonicalize(entry.join("package")).ok()?;
    Some((package, manifest))
}

/// `subdir` of `dir`, which must stay inside it; a `*` component matches
/// the one entry it fits (go-getter's `//*` for an archive's top directory).
fn subdirectory(dir: &Path, subdir: &str) -> Result<PathBuf, String> {
    let mut at = dir.to_path_buf();
    for component in Path::new(subdir).components() {
        match component {
            Component::Normal(name) => {
                let name = name.to_string_lossy();
                if name.contains('*') || name.contains('?') {
                    let glob = globset::Glob::new(&name)
                        .map_err(|e| format!("subdirectory {subdir}: {e}"))?
                        .compile_matcher();
                    let matches: Vec<PathBuf> = std::fs::read_dir(&at)
                        .map_err(|e| format!("{}: {e}", at.display()))?
                        .flatten()
                        .filter(|e| glob.is_match(e.file_name()) && e.path().is_dir())
                        .map(|e| e.path())
                        .collect();
                    match matches.as_slice() {
                        [one] => at = one.clone(),
                        _ => {
                            return Err(format!(
                                "subdirectory {subdir} matches {} directories, not one",
                                matches.len()
                            ))
                        }
                    }
                } else {
                    at.push(&*name);
                }
            }
            Component::CurDir => {}
            _ => return Err(format!("subdirectory {subdir} leaves the module package")),
        }
    }
    let canonical = std::fs::canonicalize(&at)
        .map_err(|e| format!("subdirectory {subdir} is not in the module package: {e}"))?;
    if !canonical.starts_with(dir) || !canonical.is_dir() {
        return Err(format!(
            "subdirectory {subdir} is not a directory of the module package"
        ));
    }
    Ok(canonical)
}

/// Takes go-getter's `archive=` parameter out of `url`: the kind it names.
fn take_archive_kind(url: &mut Url) -> Option<String> {
    let mut kind = None;
    let rest: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(key, value)| {
            if key == "archive" {
                kind = Some(value.to_string());
                false
            } else {
                true
            }
        })
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    if kind.is_some() {
        if rest.is_empty() {
            url.set_query(None);
        } else {
            url.query_pairs_mut().clear().extend_pairs(rest);
        }
    }
    let path = url.path().to_ascii_lowercase();
    kind.or_else(|| {
        [
            ".tar.gz", ".tgz", ".zip", ".tar.bz2", ".tar.xz", ".tbz2", ".txz",
        ]
        .iter()
        .find(|ext| path.ends_with(*ext))
        .map(|ext| ext.trim_start_matches('.').to_string())
    })
}

fn join(base: &Url, path: &str) -> Result<Url, String> {
    base.join(path).map_err(|e| format!("{base}{path}: {e}"))
}

fn url_host(url: &Url) -> String {
    match (url.host_str(), url.port()) {
        (Some(host), Some(port)) => format!("{host}:{port}"),
        (Some(host), None) => host.to_string(),
        _ => String::new(),
    }
}

fn check_scheme(url: &Url, allowed: &[&str]) -> Result<(), String> {
    if url.scheme() == "http" && is_loopback(url) {
        return Ok(());
    }
    if allowed.contains(&url.scheme()) && url.scheme() != "http" {
        return Ok(());
    }
    Err(format!(
        "{url}: only https is allowed (plain http only to loopback hosts)"
    ))
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// `127.0.0.1:8080`, `localhost`, `[::1]:80`.
fn is_loopback_host(host: &str) -> bool {
    Url::parse(&format!("http://{host}/")).is_ok_and(|url| is_loopback(&url))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_variables_name_hosts_as_terraform_does() {
        assert_eq!(
            token_variable_host("TF_TOKEN_app_terraform_io").as_deref(),
            Some("app.terraform.io")
        );
        assert_eq!(
            token_variable_host("TF_TOKEN_my__registry_example_com").as_deref(),
            Some("my-registry.example.com")
        );
        assert_eq!(
            token_variable_host("TF_TOKEN_Registry_Example_COM").as_deref(),
            Some("registry.example.com")
        );
        assert_eq!(token_variable_host("TF_TOKEN_"), None);
        assert_eq!(token_variable_host("TF_VAR_region"), None);
    }

    #[test]
    fn the_environment_wins_over_the_credentials_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("credentials.tfrc.json"),
            r#"{"credentials": {"app.terraform.io": {"token": "from-file"},
                "registry.example.com:8443": {"token": "with-port"}}}"#,
        )
        .unwrap();
        let credentials = Credentials::new(
            [(
                "TF_TOKEN_app_terraform_io".to_string(),
                "from-env".to_string(),
            )],
            Some(dir.path()),
        );
        assert_eq!(credentials.token("app.terraform.io"), Some("from-env"));
        assert_eq!(credentials.token("APP.terraform.io:443"), Some("from-env"));
        assert_eq!(
            credentials.token("registry.example.com:8443"),
            Some("with-port")
        );
        assert_eq!(credentials.token("registry.example.com"), None);
        assert!(!format!("{credentials:?}").contains("from-env"));
    }

    #[test]
    fn archive_kinds_come_from_the_parameter_or_the_name() {
        let mut url = Url::parse("https://h/x/v1?archive=tar.gz&sig=abc").unwrap();
        assert_eq!(take_archive_kind(&mut url).as_deref(), Some("tar.gz"));
        assert_eq!(url.as_str(), "https://h/x/v1?sig=abc");
        let mut url = Url::parse("https://h/x/v1.zip").unwrap();
        assert_eq!(take_archive_kind(&mut url).as_deref(), Some("zip"));
        let mut url = Url::parse("https://h/x/v1").unwrap();
        assert_eq!(take_archive_kind(&mut url), None);
    }

    #[test]
    fn plain_http_is_for_loopback_hosts_only() {
        let ok = |u: &str| check_scheme(&Url::parse(u).unwrap(), &["https"]).is_ok();
        assert!(ok("https://registry.example.com/"));
        assert!(ok("http://127.0.0.1:8080/"));
        assert!(ok("http://localhost/"));
        assert!(ok("http://[::1]:80/"));
        assert!(!ok("http://registry.example.com/"));
        assert!(!ok("ftp://registry.example.com/"));
        assert!(is_loopback_host("127.0.0.1:8080"));
        assert!(!is_loopback_host("app.terraform.io"));
    }

    #[test]
    fn subdirectories_stay_in_the_package() {
        let dir = tempfile::tempdir().unwrap();
        let package = std::fs::canonicalize(dir.path()).unwrap();
        std::fs::create_dir_all(package.join("repo-v1/modules/a")).unwrap();
        let found = subdirectory(&package, "*/modules/a").unwrap();
        assert_eq!(found, package.join("repo-v1/modules/a"));
        assert!(subdirectory(&package, "../x").is_err());
        assert!(subdirectory(&package, "missing").is_err());
        assert_eq!(subdirectory(&package, "").unwrap(), package);
    }
}
