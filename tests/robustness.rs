//! Bad input never crashes a scan. A seeded mutation fuzzer turns every
//! Terraform and Kubernetes fixture into thousands of broken variants and
//! runs the whole pipeline on each: no panic, and every diagnostic points
//! inside the file. What the coverage-guided fuzz targets of `fuzz/` found
//! is replayed from `testdata/fuzz-regressions/<target>/`.

use copguard::graph::ResourceGraph;
use copguard::model::{Diagnostic, Resource};
use copguard::normalise::Normaliser;
use copguard::policy::{eval, parse_policy, Registry};
use copguard::sources::{kubernetes, plan, read_source, snapshot, terraform, SourceFile};
use std::path::{Path, PathBuf};

/// xorshift64*: deterministic, so a failure is reproducible from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    "(",
    ")",
    "\"",
    "${",
    "%{",
    "<<EOF\n",
    "<<-EOT\n",
    "\nEOF\n",
    "=",
    "\n",
    "#",
    "/*",
    "*/",
    "var.",
    "local.",
    "aws_kms_key.k.arn",
    "jsonencode(",
    "null",
    "true",
    "-1",
    "9999999999999999999999",
    "1e400",
    "é",
    "\u{feff}",
    "\\",
    "..",
    "[*]",
    "?",
    ":",
    "for x in y :",
    "dynamic \"ingress\" {",
    "resource \"aws_s3_bucket\" \"b\" {",
    "locals { a = local.a }",
];

/// YAML's own ways to go wrong: indicators, anchors and aliases (and
/// merges), tags, tabs, document markers, flow collections.
const YAML_TOKENS: &[&str] = &[
    "---\n",
    "...\n",
    "\t",
    "&a ",
    "*a",
    "<<: *a\n",
    "!!binary ",
    "!custom ",
    "? ",
    ": ",
    "- ",
    "|\n",
    ">-\n",
    "{",
    "}",
    "[",
    "]",
    "'",
    "\"",
    "#",
    "%YAML 1.2\n",
    "~",
    "null",
    "0x1F",
    "9999999999999999999999",
    ".nan",
    "é",
    "\u{feff}",
    "apiVersion: v1\n",
    "kind: List\nitems:\n",
    "  ",
    "\n",
];

fn mutate_with(text: &str, rng: &mut Rng, tokens: &[&str]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(chars.len() + 1);
        match rng.below(4) {
            0 => {
                let end = (at + rng.below(40)).min(chars.len());
                chars.drain(at..end);
            }
            1 | 2 => {
                let token = tokens[rng.below(tokens.len())];
                chars.splice(at..at, token.chars());
            }
            _ => {
                let end = (at + rng.below(80)).min(chars.len());
                let copy: Vec<char> = chars[at..end].to_vec();
                let to = rng.below(chars.len() + 1);
                chars.splice(to..to, copy);
            }
        }
    }
    chars.into_iter().collect()
}

fn fixtures_with(dir: &Path, extensions: &[&str], out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            fixtures_with(&path, extensions, out);
        } else if path
            .extension()
            .is_some_and(|e| extensions.iter().any(|x| e == *x))
        {
            out.push(path);
        }
    }
}

/// Mutates every fixture with `extensions` `rounds` times and runs `load`
/// and the rest of the pipeline on each variant: no panic, no broken policy,
/// every diagnostic inside the file. Returns how many diagnostics there were.
fn fuzz_fixtures(
    extensions: &[&str],
    tokens: &[&str],
    seed: u64,
    rounds: usize,
    load: impl Fn(&SourceFile, &Normaliser) -> (Vec<Resource>, Vec<Diagnostic>)
        + std::panic::RefUnwindSafe,
) -> usize {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    fixtures_with(&root.join("testdata"), extensions, &mut files);
    files.sort();
    assert!(files.len() > 10, "{files:?}");
    let registry = Registry::builtin().unwrap();
    let normaliser = Normaliser::builtin().unwrap();
    let mut rng = Rng(seed);
    let mut diagnosed = 0;
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        for round in 0..rounds {
            let seed = rng.0;
            let mutated = mutate_with(&text, &mut rng, tokens);
            let lines = mutated.lines().count() + 1;
            let outcome = std::panic::catch_unwind(|| {
                let file = SourceFile {
                    display: format!("fuzz.{}", extensions[0]).into(),
                    text: mutated.clone(),
                };
                let (resources, mut diagnostics) = load(&file, &normaliser);
                let resources = normaliser.normalise(resources, &mut diagnostics);
                let graph = ResourceGraph::build(resources);
                (diagnostics, eval::evaluate(&registry, &graph).diagnostics)
            });
            let (diagnostics, eval_diagnostics) = outcome.unwrap_or_else(|_| {
                panic!(
                    "panic on {} round {round} (seed {seed:#x}):\n{mutated}",
                    path.display()
                )
            });
            // Mutations can give attributes the wrong type (Terraform or the
            // API server would reject the file): that is a warning and an
            // unknown result, but a policy must never be broken (an error).
            let broken: Vec<_> = eval_diagnostics
                .iter()
                .filter(|d| d.level == copguard::model::DiagnosticLevel::Error)
                .collect();
            assert!(
                broken.is_empty(),
                "broken policy on mutated input {}: {broken:#?}\n{mutated}",
                path.display()
            );
            for d in &diagnostics {
                let location = d
                    .location
                    .as_ref()
                    .expect("every input diagnostic is located");
                assert!(
                    location.start_line as usize <= lines,
                    "diagnostic past the end ({lines} lines): {d}\n{mutated}"
                );
                diagnosed += 1;
            }
        }
    }
    diagnosed
}

#[test]
fn mutated_terraform_never_panics_and_diagnostics_stay_in_the_file() {
    let diagnosed = fuzz_fixtures(&["tf"], TOKENS, 0x9e37_79b9_7f4a_7c15, 150, |file, _| {
        let module = terraform::load_module(std::slice::from_ref(file));
        (module.resources, module.diagnostics)
    });
    // The mutations really do break files.
    assert!(diagnosed > 100, "only {diagnosed} diagnostics");
}

#[test]
fn mutated_manifests_never_panic_and_diagnostics_stay_in_the_file() {
    let diagnosed = fuzz_fixtures(
        &["yaml", "yml"],
        YAML_TOKENS,
        0x2545_f491_4f6c_dd1d,
        100,
        |file, normaliser| {
            let loaded = kubernetes::load(file, normaliser.kubernetes(), true);
            (loaded.resources, loaded.diagnostics)
        },
    );
    assert!(diagnosed > 100, "only {diagnosed} diagnostics");
}

#[test]
fn arbitrary_bytes_are_read_or_reported_never_panic() {
    let dir = tempfile::tempdir().unwrap();
    let mut rng = Rng(42);
    for i in 0..200 {
        let bytes: Vec<u8> = (0..rng.below(300)).map(|_| rng.next() as u8).collect();
        let path = dir.path().join(format!("{i}.tf"));
        std::fs::write(&path, &bytes).unwrap();
        match read_source(&path, format!("{i}.tf")) {
            Ok(file) => {
                let module = terraform::load_module(std::slice::from_ref(&file));
                assert!(module.resources.len() + module.diagnostics.len() <= bytes.len() + 1);
            }
            Err(diagnostic) => {
                assert!(String::from_utf8(bytes).is_err());
                assert!(diagnostic.message.contains("UTF-8"), "{diagnostic}");
            }
        }
    }
}

/// The inputs in `testdata/fuzz-regressions/<target>/`: what the fuzz
/// targets of `fuzz/` once broke on, each kept so it stays fixed.
fn regressions(target: &str) -> Vec<(PathBuf, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("testdata/fuzz-regressions")
        .join(target);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| entries.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (path, text)
        })
        .collect()
}

/// Runs a regression input through its loader and the whole pipeline, as
/// its fuzz target does: no panic, every diagnostic located inside the
/// input, no policy broken, and the input's problem reported.
fn replay(
    target: &str,
    load: impl Fn(&SourceFile, &Normaliser) -> (Vec<Resource>, Vec<Diagnostic>)
        + std::panic::RefUnwindSafe,
) -> usize {
    let registry = Registry::builtin().unwrap();
    let normaliser = Normaliser::builtin().unwrap();
    let inputs = regressions(target);
    for (path, text) in &inputs {
        let lines = text.lines().count() + 1;
        let outcome = std::panic::catch_unwind(|| {
            let file = SourceFile {
                display: path.display().to_string().into(),
                text: text.clone(),
            };
            let (resources, mut diagnostics) = load(&file, &normaliser);
            let resources = normaliser.normalise(resources, &mut diagnostics);
            let graph = ResourceGraph::build(resources);
            (diagnostics, eval::evaluate(&registry, &graph).diagnostics)
        });
        let (diagnostics, eval_diagnostics) =
            outcome.unwrap_or_else(|_| panic!("panic on {}", path.display()));
        assert!(
            !diagnostics.is_empty(),
            "{}: no diagnostic for a broken input",
            path.display()
        );
        for d in &diagnostics {
            let location = d
                .location
                .as_ref()
                .unwrap_or_else(|| panic!("{}: unlocated diagnostic {d}", path.display()));
            assert!(
                location.start_line as usize <= lines,
                "{}: {d}",
                path.display()
            );
        }
        let broken: Vec<_> = eval_diagnostics
            .iter()
            .filter(|d| d.level == copguard::model::DiagnosticLevel::Error)
            .collect();
        assert!(broken.is_empty(), "{}: {broken:#?}", path.display());
    }
    inputs.len()
}

/// Every loader target's regressions: a directory may be empty until its
/// target finds something.
#[test]
fn fuzz_regressions_of_the_loaders_stay_fixed() {
    let replayed = replay("plan", |file, _| {
        let loaded = plan::load(file, &[]);
        (loaded.resources, loaded.diagnostics)
    }) + replay("snapshot", |file, _| {
        let loaded = snapshot::load(file);
        (loaded.resources, loaded.diagnostics)
    }) + replay("terraform", |file, _| {
        let module = terraform::load_module(std::slice::from_ref(file));
        (module.resources, module.diagnostics)
    }) + replay("kubernetes", |file, normaliser| {
        let loaded = kubernetes::load(file, normaliser.kubernetes(), true);
        (loaded.resources, loaded.diagnostics)
    });
    assert!(replayed > 0);
}

/// A policy the `policy` target broke on is rejected with an error inside
/// the file (YAML breaks lines at a lone CR too), or is accepted and
/// evaluates over the examples without a panic.
#[test]
fn fuzz_regressions_policy() {
    let inputs = regressions("policy");
    assert!(!inputs.is_empty());
    for (path, text) in &inputs {
        let parsed = std::panic::catch_unwind(|| parse_policy("regression.yaml", text, false));
        let Ok(parsed) = parsed else {
            panic!("panic on {}", path.display())
        };
        let error = parsed
            .err()
            .unwrap_or_else(|| panic!("{}: accepted a broken policy", path.display()));
        let lines = text.matches(['\n', '\r']).count() + 1;
        let (line, _) = error
            .location
            .unwrap_or_else(|| panic!("{}: unlocated {error}", path.display()));
        assert!(line <= lines, "{}: {error}", path.display());
    }
}
