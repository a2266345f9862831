//! Generated documentation must match the policies.

use std::path::PathBuf;

#[test]
fn policies_md_matches_the_policies() {
    let registry = copguard::policy::Registry::builtin().expect("built-in policies load");
    let generated = copguard::policy::docs::markdown(&registry);
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/policies.md");
    if std::env::var_os("COPGUARD_UPDATE_DOCS").is_some() {
        std::fs::write(&path, &generated).expect("write docs/policies.md");
    }
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        current == generated,
        "docs/policies.md is out of date: run `COPGUARD_UPDATE_DOCS=1 cargo test --test docs`"
    );
}
