//! Module source addresses as Terraform reads them: a registry address
//! (`[HOST/]NAMESPACE/NAME/PROVIDER[//SUBDIR]`), a git repository
//! (`git::URL`, the `github.com/ORG/REPO` shorthand, `git@HOST:PATH`) or an
//! archive over http(s); each with its `//subdir` and `?ref=`. The rules
//! follow Terraform's `addrs.ParseModuleSource` and go-getter's detectors.

/// The registry a three-part address (`NAMESPACE/NAME/PROVIDER`) is on.
pub const DEFAULT_REGISTRY: &str = "registry.terraform.io";

/// A module source that is downloaded rather than read from disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Remote {
    Registry(RegistryAddress),
    Git {
        /// What `git clone` is given, without `?ref=`.
        url: String,
        reference: Option<String>,
        subdir: String,
    },
    /// An archive over http(s); `archive=` is left in the URL to say the
    /// kind (it is dropped before the request).
    Archive {
        url: String,
        subdir: String,
    },
}

/// `HOST/NAMESPACE/NAME/PROVIDER//SUBDIR`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistryAddress {
    pub host: String,
    pub namespace: String,
    pub name: String,
    pub provider: String,
    pub subdir: String,
}

impl RegistryAddress {
    /// `HOST/NAMESPACE/NAME/PROVIDER`, without the subdirectory.
    pub fn package(&self) -> String {
        format!(
            "{}/{}/{}/{}",
            self.host, self.namespace, self.name, self.provider
        )
    }
}

/// Reads a module block's `source`; local paths are not for this (the
/// caller reads them from disk).
pub fn parse(source: &str) -> Result<Remote, String> {
    if let Some(address) = parse_registry(source) {
        return Ok(Remote::Registry(address));
    }
    parse_remote(source)
}

/// A go-getter address: what a non-registry `source` holds, and what a
/// registry's `X-Terraform-Get` answers.
pub fn parse_remote(source: &str) -> Result<Remote, String> {
    let (forced, rest) = forced_getter(source);
    let (location, subdir) = source_dir_subdir(rest);
    match forced {
        Some("git") => return Ok(git(&location, subdir)),
        Some(other) => {
            return Err(format!(
                "{other}:: sources are not supported by --download-modules (git:: and registry addresses are)"
            ))
        }
        None => {}
    }
    let lower = location.to_ascii_lowercase();
    if let Some(path) = lower
        .strip_prefix("github.com/")
        .map(|_| &location["github.com/".len()..])
    {
        // go-getter's GitHub detector: the first two path segments are the
        // repository, the rest a subdirectory.
        let (path, query) = match path.split_once('?') {
            Some((path, query)) => (path, Some(query)),
            None => (path, None),
        };
        let parts: Vec<&str> = path.split('/').collect();
        let [org, repo, more @ ..] = parts.as_slice() else {
            return Err("GitHub sources look like github.com/ORG/REPO".to_string());
        };
        if org.is_empty() || repo.is_empty() {
            return Err("GitHub sources look like github.com/ORG/REPO".to_string());
        }
        let repo = repo.strip_suffix(".git").unwrap_or(repo);
        let mut url = format!("https://github.com/{org}/{repo}.git");
        if let Some(query) = query {
            url = format!("{url}?{query}");
        }
        let subdir = join_subdir(&more.join("/"), &subdir);
        return Ok(git(&url, subdir));
    }
    if lower.starts_with("bitbucket.org/") {
        return Err("bitbucket.org shorthand sources are not supported by --download-modules; write git::https://bitbucket.org/...".to_string());
    }
    if is_scp_like(&location) {
        return Ok(git(&location, subdir));
    }
    if lower.starts_with("https://") || lower.starts_with("http://") {
        return Ok(Remote::Archive {
            url: location,
            subdir,
        });
    }
    Err("not a registry address, git repository or archive URL".to_string())
}

/// `git::`, `s3::`...: go-getter's forced getter, when it comes before any
/// `/` (so that `https://` is not taken for one).
fn forced_getter(source: &str) -> (Option<&str>, &str) {
    match source.split_once("::") {
        Some((getter, rest))
            if !getter.is_empty()
                && getter
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') =>
        {
            (Some(getter), rest)
        }
        _ => (None, source),
    }
}

/// go-getter's `SourceDirSubdir`: `URL//SUBDIR?QUERY` is `URL?QUERY` and
/// `SUBDIR`; the `//` of `scheme://` does not count.
pub fn source_dir_subdir(source: &str) -> (String, String) {
    let stop = source.find('?').unwrap_or(source.len());
    let offset = source[..stop].find("://").map_or(0, |at| at + 3);
    let Some(at) = source[offset..stop].find("//") else {
        return (source.to_string(), String::new());
    };
    let at = at + offset;
    let mut location = source[..at].to_string();
    let mut subdir = &source[at + 2..];
    if let Some(query) = subdir.find('?') {
        location.push_str(&subdir[query..]);
        subdir = &subdir[..query];
    }
    (location, subdir.to_string())
}

fn join_subdir(first: &str, second: &str) -> String {
    match (first.is_empty(), second.is_empty()) {
        (true, _) => second.to_string(),
        (_, true) => first.to_string(),
        _ => format!("{first}/{second}"),
    }
}

/// A git location: `ref` is taken out of the query, other parameters
/// (`depth`, `sshkey`) are dropped.
fn git(location: &str, subdir: String) -> Remote {
    let (url, query) = match location.split_once('?') {
        Some((url, query)) => (url, query),
        None => (location, ""),
    };
    let reference = url::form_urlencoded::parse(query.as_bytes())
        .find(|(key, _)| key == "ref")
        .map(|(_, value)| value.into_owned())
        .filter(|value| !value.is_empty());
    Remote::Git {
        url: url.to_string(),
        reference,
        subdir,
    }
}

/// `git@github.com:org/repo.git`: scp-like ssh, which go-getter sends to git.
fn is_scp_like(location: &str) -> bool {
    let Some((user_host, path)) = location.split_once(':') else {
        return false;
    };
    !path.starts_with("//")
        && user_host.contains('@')
        && !user_host.contains('/')
        && !path.is_empty()
}

/// `[HOST/]NAMESPACE/NAME/PROVIDER[//SUBDIR]`, as Terraform tells a registry
/// address from a go-getter one: github.com and bitbucket.org are go-getter's.
fn parse_registry(source: &str) -> Option<RegistryAddress> {
    if source.contains("::") || source.contains('?') || source.contains(':') && !has_port(source) {
        return None;
    }
    let (package, subdir) = match source.split_once("//") {
        Some((package, subdir)) => (package, subdir.to_string()),
        None => (source, String::new()),
    };
    let parts: Vec<&str> = package.split('/').collect();
    let (host, rest) = match parts.as_slice() {
        [namespace, name, provider] => {
            (DEFAULT_REGISTRY.to_string(), [*namespace, *name, *provider])
        }
        [host, namespace, name, provider] if is_hostname(host) => {
            let host = host.to_ascii_lowercase();
            if host == "github.com" || host == "bitbucket.org" {
                return None;
            }
            (host, [*namespace, *name, *provider])
        }
        _ => return None,
    };
    let [namespace, name, provider] = rest;
    if !is_registry_name(namespace) || !is_registry_name(name) || !is_provider_name(provider) {
        return None;
    }
    Some(RegistryAddress {
        host,
        namespace: namespace.to_string(),
        name: name.to_string(),
        provider: provider.to_string(),
        subdir,
    })
}

/// A `:` in a registry address is only allowed as the host's port.
fn has_port(source: &str) -> bool {
    source
        .split('/')
        .next()
        .and_then(|host| host.split_once(':'))
        .is_some_and(|(_, port)| !port.is_empty() && port.chars().all(|c| c.is_ascii_digit()))
}

fn is_hostname(text: &str) -> bool {
    let name = match text.split_once(':') {
        Some((name, port)) if !port.is_empty() && port.chars().all(|c| c.is_ascii_digit()) => name,
        Some(_) => return false,
        None => text,
    };
    !name.is_empty()
        && name.split('.').all(|label| {
            !label.is_empty() && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}

/// Namespaces and module names: letters, digits, `-` and `_`, starting and
/// ending with a letter or digit, at most 64.
fn is_registry_name(text: &str) -> bool {
    let ends_ok = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    text.len() <= 64
        && ends_ok(text.chars().next())
        && ends_ok(text.chars().last())
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Provider names in module addresses: lower-case letters and digits.
fn is_provider_name(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 64
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registry(host: &str, ns: &str, name: &str, provider: &str, subdir: &str) -> Remote {
        Remote::Registry(RegistryAddress {
            host: host.into(),
            namespace: ns.into(),
            name: name.into(),
            provider: provider.into(),
            subdir: subdir.into(),
        })
    }

    fn git(url: &str, reference: Option<&str>, subdir: &str) -> Remote {
        Remote::Git {
            url: url.into(),
            reference: reference.map(Into::into),
            subdir: subdir.into(),
        }
    }

    #[test]
    fn sources_are_read_as_terraform_reads_them() {
        let table = [
            (
                "terraform-aws-modules/vpc/aws",
                registry(DEFAULT_REGISTRY, "terraform-aws-modules", "vpc", "aws", ""),
            ),
            (
                "terraform-aws-modules/iam/aws//modules/iam-user",
                registry(
                    DEFAULT_REGISTRY,
                    "terraform-aws-modules",
                    "iam",
                    "aws",
                    "modules/iam-user",
                ),
            ),
            (
                "app.terraform.io/Example_Corp/vpc/aws",
                registry("app.terraform.io", "Example_Corp", "vpc", "aws", ""),
            ),
            (
                "127.0.0.1:8080/acme/kms/aws",
                registry("127.0.0.1:8080", "acme", "kms", "aws", ""),
            ),
            (
                "github.com/org/repo//modules/x?ref=v1.2.0",
                git(
                    "https://github.com/org/repo.git",
                    Some("v1.2.0"),
                    "modules/x",
                ),
            ),
            (
                "github.com/org/repo",
                git("https://github.com/org/repo.git", None, ""),
            ),
            (
                "git::https://example.com/net.git//sub?ref=abc123",
                git("https://example.com/net.git", Some("abc123"), "sub"),
            ),
            (
                "git::ssh://git@example.com/net.git?ref=v2",
                git("ssh://git@example.com/net.git", Some("v2"), ""),
            ),
            (
                "git@github.com:org/repo.git//x?ref=main",
                git("git@github.com:org/repo.git", Some("main"), "x"),
            ),
            (
                "https://example.com/vpc.tar.gz//modules/a",
                Remote::Archive {
                    url: "https://example.com/vpc.tar.gz".into(),
                    subdir: "modules/a".into(),
                },
            ),
            (
                "https://example.com/v1.0.0//*?archive=tar.gz",
                Remote::Archive {
                    url: "https://example.com/v1.0.0?archive=tar.gz".into(),
                    subdir: "*".into(),
                },
            ),
        ];
        for (source, expected) in table {
            assert_eq!(parse(source), Ok(expected), "{source}");
        }
    }

    #[test]
    fn unsupported_sources_say_why() {
        for source in [
            "s3::https://s3.amazonaws.com/bucket/vpc.zip",
            "bitbucket.org/org/repo",
            "github.com/only-org",
            "not a source",
        ] {
            assert!(parse(source).is_err(), "{source}");
        }
        // Upper case is not a provider name: not a registry address.
        assert!(parse("acme/kms/AWS").is_err());
    }
}
