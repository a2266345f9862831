//! `copguard scan --download-modules`: a module registry served from this
//! test on 127.0.0.1 (plain http, which copguard allows for loopback hosts
//! only), archives built here, and a git repository served over file://.

mod common;

use common::{findings_with_path, json_report_env};
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// One answer of the test registry.
#[derive(Clone)]
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Answer {
    fn json(body: &str) -> Answer {
        Answer {
            status: 200,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: body.as_bytes().to_vec(),
        }
    }
    fn get(location: &str) -> Answer {
        Answer {
            status: 204,
            headers: vec![("X-Terraform-Get".into(), location.into())],
            body: Vec::new(),
        }
    }
    fn bytes(body: Vec<u8>) -> Answer {
        Answer {
            status: 200,
            headers: vec![("Content-Type".into(), "application/x-gzip".into())],
            body,
        }
    }
}

/// A request the registry saw: path and Authorization header.
#[derive(Debug, Clone, PartialEq)]
struct Seen {
    path: String,
    authorization: Option<String>,
}

/// An HTTP/1.1 server on 127.0.0.1 answering from a table of paths (404
/// otherwise), one connection at a time; it stops when dropped.
struct Registry {
    port: u16,
    answers: Arc<Mutex<BTreeMap<String, Answer>>>,
    seen: Arc<Mutex<Vec<Seen>>>,
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Registry {
    fn start() -> Registry {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let answers: Arc<Mutex<BTreeMap<String, Answer>>> = Arc::default();
        let seen: Arc<Mutex<Vec<Seen>>> = Arc::default();
        let stop = Arc::new(AtomicBool::new(false));
        let thread = {
            let (answers, seen, stop) = (answers.clone(), seen.clone(), stop.clone());
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    if let Ok(stream) = stream {
                        serve(stream, &answers, &seen);
                    }
                }
            })
        };
        let registry = Registry {
            port,
            answers,
            seen,
            stop,
            thread: Some(thread),
        };
        registry.answer(
            "/.well-known/terraform.json",
            Answer::json(r#"{"modules.v1": "/v1/modules/"}"#),
        );
        registry
    }

    fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    fn answer(&self, path: &str, answer: Answer) {
        self.answers.lock().unwrap().insert(path.into(), answer);
    }

    /// A module with these versions, each a tar.gz of `files(version)`;
    /// `location(version)` is the X-Terraform-Get, relative to the
    /// download URL.
    fn module(
        &self,
        module: &str,
        versions: &[&str],
        files: impl Fn(&str) -> Vec<(String, String)>,
        location: impl Fn(&str) -> String,
    ) {
        let listed: Vec<String> = versions
            .iter()
            .map(|v| format!(r#"{{"version": "{v}"}}"#))
            .collect();
        self.answer(
            &format!("/v1/modules/{module}/versions"),
            Answer::json(&format!(
                r#"{{"modules": [{{"versions": [{}]}}]}}"#,
                listed.join(", ")
            )),
        );
        for version in versions {
            self.answer(
                &format!("/v1/modules/{module}/{version}/download"),
                Answer::get(&location(version)),
            );
            self.answer(
                &format!("/v1/modules/{module}/{version}/kms.tar.gz"),
                Answer::bytes(tar_gz(&files(version))),
            );
        }
    }

    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

impl Drop for Registry {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so that it sees the flag.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn serve(stream: TcpStream, answers: &Mutex<BTreeMap<String, Answer>>, seen: &Mutex<Vec<Seen>>) {
    let _ = stream.set_read_timeout(Some(std::time::Duration::from_secs(10)));
    let mut reader = BufReader::new(&stream);
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    let path = request_line
        .split_whitespace()
        .nth(1)
        .unwrap_or("")
        .to_string();
    let mut authorization = None;
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) if line.trim().is_empty() => break,
            Ok(_) => {
                if let Some((name, value)) = line.split_once(':') {
                    if name.eq_ignore_ascii_case("authorization") {
                        authorization = Some(value.trim().to_string());
                    }
                }
            }
        }
    }
    seen.lock().unwrap().push(Seen {
        path: path.clone(),
        authorization,
    });
    let answer = answers
        .lock()
        .unwrap()
        .get(&path)
        .cloned()
        .unwrap_or(Answer {
            status: 404,
            headers: Vec::new(),
            body: b"not found".to_vec(),
        });
    let reason = match answer.status {
        200 => "OK",
        204 => "No Content",
        401 => "Unauthorized",
        _ => "Not Found",
    };
    let mut head = format!(
        "HTTP/1.1 {} {reason}\r\nConnection: close\r\n",
        answer.status
    );
    for (name, value) in &answer.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if answer.status != 204 {
        head.push_str(&format!("Content-Length: {}\r\n", answer.body.len()));
    }
    head.push_str("\r\n");
    let mut stream = &stream;
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&answer.body);
    let _ = stream.flush();
}

fn tar_gz(files: &[(String, String)]) -> Vec<u8> {
    let mut builder = tar::Builder::new(flate2::write::GzEncoder::new(
        Vec::new(),
        flate2::Compression::fast(),
    ));
    for (path, text) in files {
        let mut header = tar::Header::new_gnu();
        header.set_size(text.len() as u64);
        header.set_mode(0o644);
        header.set_cksum();
        builder
            .append_data(&mut header, path, text.as_bytes())
            .unwrap();
    }
    builder.into_inner().unwrap().finish().unwrap()
}

/// A KMS key without rotation (CG-AWS-005) named after the version, so the
/// finding's address says which version was scanned.
fn kms_key(name: &str) -> String {
    format!(
        "# A key of the acme module.\n\nresource \"aws_kms_key\" \"{name}\" {{\n  description         = \"acme\"\n  enable_key_rotation = false\n}}\n"
    )
}

/// The line of `enable_key_rotation = false`, where the finding is.
const KMS_LINE: u64 = 5;

struct Scan {
    report: Value,
    code: Option<i32>,
    stderr: String,
}

/// `copguard scan --download-modules` in `root`, with HOME in `home` (no
/// user's tokens or cache) and the cache in `cache`.
fn scan(root: &Path, home: &Path, cache: &Path, extra_env: &[(&str, &str)]) -> Scan {
    let cache = cache.to_str().unwrap();
    let home = home.to_str().unwrap();
    let mut env = vec![("HOME", home), ("XDG_CACHE_HOME", "")];
    env.extend_from_slice(extra_env);
    let (report, output) = json_report_env(
        root,
        &[
            "--download-modules",
            "--module-cache",
            cache,
            "--only",
            "CG-AWS-005",
            "--fail-on",
            "none",
        ],
        &env,
    );
    Scan {
        report,
        code: output.status.code(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn errors(report: &Value) -> Vec<String> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["level"] == "error")
        .map(|d| d["message"].as_str().unwrap().to_string())
        .collect()
}

struct Dirs {
    _tmp: tempfile::TempDir,
    root: PathBuf,
    home: PathBuf,
    cache: PathBuf,
}

fn dirs() -> Dirs {
    let tmp = tempfile::tempdir().unwrap();
    let base = std::fs::canonicalize(tmp.path()).unwrap();
    let (root, home, cache) = (base.join("root"), base.join("home"), base.join("cache"));
    std::fs::create_dir_all(&root).unwrap();
    std::fs::create_dir_all(&home).unwrap();
    Dirs {
        _tmp: tmp,
        root,
        home,
        cache,
    }
}

/// acme/kms/aws in several versions; 1.3.1 is served as GitHub serves
/// tarballs (one top directory, `//*`) and calls a local and a registry
/// module of its own.
fn kms_registry() -> Registry {
    let registry = Registry::start();
    let host = registry.host();
    registry.module(
        "acme/kms/aws",
        &["0.9.0", "1.0.0", "1.3.1", "1.4.0-beta", "2.0.0"],
        |version| {
            let name = format!("v{}", version.replace(['.', '-'], "_"));
            if version == "1.3.1" {
                let main = format!(
                    "{}\nmodule \"keys\" {{\n  source = \"./keys\"\n}}\n\nmodule \"inner\" {{\n  source  = \"{host}/acme/inner/aws\"\n  version = \"1.0.0\"\n}}\n",
                    kms_key(&name)
                );
                vec![
                    ("acme-kms-1.3.1/main.tf".into(), main),
                    ("acme-kms-1.3.1/keys/main.tf".into(), kms_key("nested")),
                ]
            } else {
                vec![("main.tf".into(), kms_key(&name))]
            }
        },
        |version| {
            if version == "1.3.1" {
                "./kms.tar.gz//*?archive=tar.gz".into()
            } else {
                "./kms.tar.gz".into()
            }
        },
    );
    registry.module(
        "acme/inner/aws",
        &["1.0.0"],
        |_| vec![("main.tf".into(), kms_key("inner"))],
        |_| "./kms.tar.gz".into(),
    );
    registry
}

fn call_kms(root: &Path, host: &str) {
    std::fs::write(
        root.join("main.tf"),
        format!(
            "module \"x\" {{\n  source  = \"{host}/acme/kms/aws\"\n  version = \"~> 1.0\"\n}}\n\nmodule \"old\" {{\n  source  = \"{host}/acme/kms/aws\"\n  version = \"< 1.0\"\n}}\n"
        ),
    )
    .unwrap();
}

#[test]
fn a_registry_module_is_downloaded_and_its_resources_scanned_where_they_are() {
    let dirs = dirs();
    let registry = kms_registry();
    call_kms(&dirs.root, &registry.host());
    let scan = scan(&dirs.root, &dirs.home, &dirs.cache, &[]);
    assert_eq!(
        errors(&scan.report),
        Vec::<String>::new(),
        "{}",
        scan.stderr
    );
    assert_eq!(scan.code, Some(0), "{}", scan.stderr);
    let mut found = findings_with_path(&scan.report);
    found.sort();
    let addresses: Vec<&str> = found.iter().map(|f| f.1.as_str()).collect();
    // `~> 1.0` chose 1.3.1 (not the 1.4.0 pre-release nor 2.0.0), `< 1.0`
    // chose 0.9.0; 1.3.1's local and registry modules were read too.
    assert_eq!(
        addresses,
        [
            "module.old.aws_kms_key.v0_9_0",
            "module.x.aws_kms_key.v1_3_1",
            "module.x.module.inner.aws_kms_key.inner",
            "module.x.module.keys.aws_kms_key.nested",
        ]
    );
    // Each at its file and line in the cache: outside the current
    // directory, so shown absolute.
    for (rule, address, path, line) in &found {
        assert_eq!(rule, "CG-AWS-005");
        assert_eq!(*line, KMS_LINE, "{address}");
        assert!(path.starts_with(dirs.cache.to_str().unwrap()), "{path}");
        let text = std::fs::read_to_string(path).unwrap();
        assert!(text.contains("enable_key_rotation = false"), "{path}");
    }
    assert!(
        found[1].2.ends_with("/package/acme-kms-1.3.1/main.tf"),
        "{}",
        found[1].2
    );
    assert!(
        found[3].2.ends_with("/package/acme-kms-1.3.1/keys/main.tf"),
        "{}",
        found[3].2
    );
    let paths: Vec<String> = registry.seen().into_iter().map(|s| s.path).collect();
    assert!(paths.contains(&"/v1/modules/acme/kms/aws/1.3.1/download".to_string()));
    assert!(paths.contains(&"/v1/modules/acme/kms/aws/1.3.1/kms.tar.gz".to_string()));
    assert!(!paths
        .iter()
        .any(|p| p.contains("2.0.0") || p.contains("beta")));
    // No token configured: none sent.
    assert!(registry.seen().iter().all(|s| s.authorization.is_none()));
}

#[test]
fn a_second_run_reads_the_cache_without_the_registry() {
    let dirs = dirs();
    let registry = kms_registry();
    call_kms(&dirs.root, &registry.host());
    let first = scan(&dirs.root, &dirs.home, &dirs.cache, &[]);
    assert_eq!(first.code, Some(0), "{}", first.stderr);
    drop(registry);
    let second = scan(&dirs.root, &dirs.home, &dirs.cache, &[]);
    assert_eq!(errors(&second.report), Vec::<String>::new());
    assert_eq!(second.code, Some(0), "{}", second.stderr);
    assert_eq!(
        findings_with_path(&second.report),
        findings_with_path(&first.report)
    );
    assert_eq!(findings_with_path(&second.report).len(), 4);
}

#[test]
fn a_cache_below_the_current_directory_is_shown_relative() {
    let dirs = dirs();
    let registry = kms_registry();
    call_kms(&dirs.root, &registry.host());
    let cache = dirs.root.join(".modules");
    let scan = scan(&dirs.root, &dirs.home, &cache, &[]);
    assert_eq!(scan.code, Some(0), "{}", scan.stderr);
    let found = findings_with_path(&scan.report);
    assert_eq!(found.len(), 4);
    for (_, _, path, _) in found {
        assert!(path.starts_with(".modules/"), "{path}");
    }
}

#[test]
fn the_token_of_terraform_login_is_sent_to_the_registry_host() {
    let dirs = dirs();
    let registry = kms_registry();
    call_kms(&dirs.root, &registry.host());
    // A host with a port cannot be named by a TF_TOKEN_ variable (Terraform
    // reads no port from the name): its token is in credentials.tfrc.json.
    std::fs::create_dir_all(dirs.home.join(".terraform.d")).unwrap();
    std::fs::write(
        dirs.home.join(".terraform.d/credentials.tfrc.json"),
        format!(
            r#"{{"credentials": {{"{}": {{"token": "s3cret"}}}}}}"#,
            registry.host()
        ),
    )
    .unwrap();
    // A variable for the bare host is not for the host with a port.
    let scan = scan(
        &dirs.root,
        &dirs.home,
        &dirs.cache,
        &[("TF_TOKEN_127_0_0_1", "wrong")],
    );
    assert_eq!(scan.code, Some(0), "{}", scan.stderr);
    let seen = registry.seen();
    assert!(!seen.is_empty());
    for request in seen {
        assert_eq!(
            request.authorization.as_deref(),
            Some("Bearer s3cret"),
            "{}",
            request.path
        );
    }
}

#[test]
fn a_module_that_cannot_be_downloaded_is_an_input_error_and_the_rest_is_scanned() {
    let dirs = dirs();
    let registry = kms_registry();
    std::fs::write(
        dirs.root.join("main.tf"),
        format!(
            "resource \"aws_kms_key\" \"local\" {{\n  enable_key_rotation = false\n}}\n\nmodule \"gone\" {{\n  source  = \"{host}/acme/missing/aws\"\n  version = \"1.0.0\"\n}}\n\nmodule \"too_new\" {{\n  source  = \"{host}/acme/kms/aws\"\n  version = \">= 3.0\"\n}}\n\nmodule \"private\" {{\n  source = \"{host}/acme/private/aws\"\n}}\n",
            host = registry.host()
        ),
    )
    .unwrap();
    registry.answer(
        "/v1/modules/acme/private/aws/versions",
        Answer {
            status: 401,
            headers: Vec::new(),
            body: Vec::new(),
        },
    );
    let scan = scan(&dirs.root, &dirs.home, &dirs.cache, &[]);
    // Exit 3: part of the estate was not read.
    assert_eq!(scan.code, Some(3), "{}", scan.stderr);
    let errors = errors(&scan.report);
    assert_eq!(errors.len(), 3, "{errors:?}");
    let error = |module: &str| -> &str {
        let named = format!("module \"{module}\"");
        errors
            .iter()
            .find(|e| e.contains(&named))
            .unwrap_or_else(|| panic!("no error for {module}: {errors:?}"))
    };
    assert!(error("gone").contains("could not be downloaded"));
    assert!(error("gone").contains("HTTP 404"), "{}", error("gone"));
    assert!(
        error("too_new").contains("no version"),
        "{}",
        error("too_new")
    );
    let private = error("private");
    assert!(private.contains("HTTP 401"), "{private}");
    assert!(private.contains("credentials.tfrc.json"), "{private}");
    let found = findings_with_path(&scan.report);
    assert_eq!(
        found,
        [(
            "CG-AWS-005".to_string(),
            "aws_kms_key.local".to_string(),
            "main.tf".to_string(),
            2
        )]
    );
    // The error is at the module block.
    let mut located: Vec<u64> = scan.report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["level"] == "error")
        .map(|d| d["location"]["start_line"].as_u64().unwrap())
        .collect();
    located.sort();
    assert_eq!(located, [5, 10, 15]);
}

#[test]
fn without_the_flag_a_note_says_how_to_download() {
    let dirs = dirs();
    call_kms(&dirs.root, "127.0.0.1:9");
    let (report, output) = json_report_env(
        &dirs.root,
        &["--fail-on", "none"],
        &[("HOME", dirs.home.to_str().unwrap())],
    );
    assert_eq!(output.status.code(), Some(0));
    let notes: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["level"] == "note")
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert_eq!(notes.len(), 2);
    assert!(
        notes.iter().all(|n| n.contains("--download-modules")),
        "{notes:?}"
    );
}

fn git(dir: &Path, args: &[&str]) -> String {
    let output = std::process::Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "test")
        .env("GIT_AUTHOR_EMAIL", "test@example.com")
        .env("GIT_COMMITTER_NAME", "test")
        .env("GIT_COMMITTER_EMAIL", "test@example.com")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .expect("git runs");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).trim().to_string()
}

#[test]
fn a_git_module_is_cloned_at_its_ref_tag_or_commit() {
    let dirs = dirs();
    let work = dirs.home.join("work");
    let bare = dirs.home.join("kms.git");
    std::fs::create_dir_all(work.join("modules/kms")).unwrap();
    git(
        &dirs.home,
        &[
            "init",
            "--quiet",
            "--bare",
            "-b",
            "main",
            bare.to_str().unwrap(),
        ],
    );
    git(&work, &["init", "--quiet", "-b", "main"]);
    std::fs::write(work.join("modules/kms/main.tf"), kms_key("tagged")).unwrap();
    git(&work, &["add", "."]);
    git(&work, &["commit", "--quiet", "-m", "v1"]);
    git(&work, &["tag", "v1"]);
    std::fs::write(work.join("modules/kms/main.tf"), kms_key("commit")).unwrap();
    git(&work, &["commit", "--quiet", "-am", "later"]);
    let commit = git(&work, &["rev-parse", "HEAD"]);
    std::fs::write(work.join("modules/kms/main.tf"), kms_key("head")).unwrap();
    git(&work, &["commit", "--quiet", "-am", "head"]);
    git(
        &work,
        &["push", "--quiet", bare.to_str().unwrap(), "main", "v1"],
    );
    let url = format!("file://{}", bare.display());
    std::fs::write(
        dirs.root.join("main.tf"),
        format!(
            "module \"tag\" {{\n  source = \"git::{url}//modules/kms?ref=v1\"\n}}\n\nmodule \"commit\" {{\n  source = \"git::{url}//modules/kms?ref={commit}\"\n}}\n\nmodule \"head\" {{\n  source = \"git::{url}//modules/kms\"\n}}\n"
        ),
    )
    .unwrap();
    let scan = scan(&dirs.root, &dirs.home, &dirs.cache, &[]);
    assert_eq!(
        errors(&scan.report),
        Vec::<String>::new(),
        "{}",
        scan.stderr
    );
    let mut addresses: Vec<String> = findings_with_path(&scan.report)
        .into_iter()
        .map(|f| f.1)
        .collect();
    addresses.sort();
    assert_eq!(
        addresses,
        [
            "module.commit.aws_kms_key.commit",
            "module.head.aws_kms_key.head",
            "module.tag.aws_kms_key.tagged",
        ]
    );
}
