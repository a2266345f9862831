//! Git sources: cloned with the system `git`, as Terraform's go-getter
//! does, so that the user's git configuration (credential helpers, ssh
//! keys, `url.<base>.insteadOf`) applies. A shallow clone of the ref when
//! it is a branch or tag; a full clone and checkout when it is not (a
//! commit id).

use std::path::Path;
use std::process::Command;

/// Clones `url` at `reference` (the default branch when `None`) into
/// `dest`, which must not exist; the `.git` directory is removed after.
pub fn clone(url: &str, reference: Option<&str>, dest: &Path) -> Result<(), String> {
    if url.starts_with('-') || reference.is_some_and(|r| r.starts_with('-')) {
        return Err("a git URL or ref cannot start with '-'".to_string());
    }
    let mut shallow = vec!["clone", "--quiet", "--depth", "1"];
    if let Some(reference) = reference {
        shallow.extend(["--branch", reference]);
    }
    let first = run_git(&shallow, url, dest, None);
    match (first, reference) {
        (Ok(()), _) => {}
        (Err(error), None) => return Err(error),
        (Err(_), Some(reference)) => {
            // Not a branch or tag: fetch everything and check the commit out.
            let _ = std::fs::remove_dir_all(dest);
            run_git(&["clone", "--quiet"], url, dest, None)?;
            run_git(
                &["checkout", "--quiet", "--detach"],
                reference,
                dest,
                Some(dest),
            )
            .map_err(|e| format!("ref {reference}: {e}"))?;
        }
    }
    std::fs::remove_dir_all(dest.join(".git"))
        .map_err(|e| format!("cannot remove the clone's .git: {e}"))
}

/// `git ARGS -- TARGET [DEST]`: the target after `--`, so it is never read
/// as an option; no prompt for credentials (a scan must not hang).
fn run_git(args: &[&str], target: &str, dest: &Path, cwd: Option<&Path>) -> Result<(), String> {
    let mut command = Command::new("git");
    command
        .args(["-c", "advice.detachedHead=false"])
        .args(args)
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("GIT_SSH_COMMAND", ssh_command());
    match cwd {
        // `checkout -- X` would take X for a path: a commit goes before.
        Some(cwd) => {
            command.current_dir(cwd).arg(target).arg("--");
        }
        None => {
            command.arg("--").arg(target).arg(dest);
        }
    }
    let output = command
        .output()
        .map_err(|e| format!("cannot run git (is it installed?): {e}"))?;
    if output.status.success() {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    let last = stderr
        .lines()
        .map(str::trim)
        .rfind(|l| !l.is_empty())
        .unwrap_or("no message");
    Err(format!(
        "git {} failed: {last}",
        args.first().unwrap_or(&"")
    ))
}

/// ssh never asks either: `BatchMode` fails instead of prompting.
fn ssh_command() -> String {
    match std::env::var("GIT_SSH_COMMAND") {
        Ok(command) if !command.trim().is_empty() => command,
        _ => "ssh -o BatchMode=yes".to_string(),
    }
}
