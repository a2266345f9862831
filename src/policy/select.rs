//! `copguard policies`: which policies to list (by measure, topic, provider,
//! severity) and the listing as text, JSON or Markdown.

use super::{Policy, PolicyInfo, Registry, Topic};
use crate::model::Severity;
use serde::Serialize;
use std::io::{self, Write};

/// Every topic, in declaration order (a test keeps it complete).
pub const TOPICS: [Topic; 9] = [
    Topic::PublicCloud,
    Topic::DataProtection,
    Topic::Encryption,
    Topic::Logging,
    Topic::NetworkExposure,
    Topic::PrivilegedAccess,
    Topic::Resilience,
    Topic::Apis,
    Topic::Automation,
];

/// The providers built-in policies are filed under (`policies/<provider>/`).
pub const PROVIDERS: [&str; 3] = ["aws", "azure", "kubernetes"];

/// What `copguard policies` lists; every criterion set must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PolicyFilter {
    /// A measure the policy cites: `M13.09`, `m13.09` or `TSCoP 1.0 M13.09`.
    pub measure: Option<String>,
    pub topic: Option<Topic>,
    /// `aws`, `azure` or `kubernetes` (`k8s`), any case.
    pub provider: Option<String>,
    /// Exactly this severity.
    pub severity: Option<Severity>,
}

impl PolicyFilter {
    /// Rejects criteria that can match no policy of any registry (a typo
    /// would otherwise list nothing, silently): an unknown measure or
    /// provider.
    pub fn check(&self) -> Result<(), String> {
        if let Some(measure) = &self.measure {
            let id = crate::explain::parse_measure(measure).map_err(|e| e.to_string())?;
            if !id.as_deref().is_some_and(crate::explain::is_measure) {
                return Err(format!(
                    "{measure} is not a measure of {} {}; measures look like M13.09",
                    crate::explain::CODE,
                    crate::explain::VERSION
                ));
            }
        }
        if let Some(provider) = &self.provider {
            if canonical_provider(provider).is_none() {
                return Err(format!(
                    "unknown provider {provider}; known: {}",
                    PROVIDERS.join(", ")
                ));
            }
        }
        Ok(())
    }

    fn matches(&self, info: &PolicyInfo) -> bool {
        let measure_ok = self.measure.as_deref().is_none_or(|wanted| {
            let Ok(Some(id)) = crate::explain::parse_measure(wanted) else {
                return false;
            };
            info.measures.iter().any(|m| {
                m.code == crate::explain::CODE && m.version == crate::explain::VERSION && m.id == id
            })
        });
        let provider_ok = self.provider.as_deref().is_none_or(|wanted| {
            canonical_provider(wanted).is_some_and(|wanted| provider(info) == Some(wanted))
        });
        measure_ok
            && provider_ok
            && self.topic.is_none_or(|t| info.topics.contains(&t))
            && self.severity.is_none_or(|s| info.severity == s)
    }
}

fn canonical_provider(name: &str) -> Option<&'static str> {
    let lower = name.trim().to_ascii_lowercase();
    match lower.as_str() {
        "k8s" => Some("kubernetes"),
        "azurerm" => Some("azure"),
        _ => PROVIDERS.iter().copied().find(|p| *p == lower),
    }
}

/// The provider a policy is for. A built-in's is the directory it is filed
/// under (`policies/aws/cg-aws-001.yaml`); a user policy's, found anywhere,
/// is read from its resource types (`aws_`, `azurerm_`, `kubernetes_`) when
/// they all agree.
pub fn provider(info: &PolicyInfo) -> Option<&'static str> {
    if info.builtin {
        let mut parts = info.source.split('/');
        if parts.next() == Some("policies") {
            if let Some(dir) = parts.next() {
                return PROVIDERS.iter().copied().find(|p| *p == dir);
            }
        }
    }
    let of_type = |t: &String| -> Option<&'static str> {
        [
            ("aws_", "aws"),
            ("azurerm_", "azure"),
            ("kubernetes_", "kubernetes"),
        ]
        .into_iter()
        .find(|(prefix, _)| t.starts_with(prefix))
        .map(|(_, provider)| provider)
    };
    let first = of_type(info.resource_types.first()?)?;
    info.resource_types
        .iter()
        .all(|t| of_type(t) == Some(first))
        .then_some(first)
}

/// The policies of `registry` the filter keeps, in registry (id) order.
pub fn filter<'a>(registry: &'a Registry, f: &PolicyFilter) -> Vec<&'a Policy> {
    registry
        .policies()
        .iter()
        .filter(|p| f.matches(&p.info))
        .collect()
}

/// For clap: a topic as policies write it (`public-cloud`).
pub fn parse_topic(text: &str) -> Result<Topic, String> {
    TOPICS
        .into_iter()
        .find(|t| t.as_str().eq_ignore_ascii_case(text.trim()))
        .ok_or_else(|| {
            let known: Vec<&str> = TOPICS.iter().map(|t| t.as_str()).collect();
            format!("unknown topic {text}; known: {}", known.join(", "))
        })
}

/// For clap: a severity (`critical`, `high`, `medium`, `low`).
pub fn parse_severity(text: &str) -> Result<Severity, String> {
    Severity::ALL
        .into_iter()
        .find(|s| s.as_str().eq_ignore_ascii_case(text.trim()))
        .ok_or_else(|| format!("unknown severity {text}; known: critical, high, medium, low"))
}

/// One line per policy: id, severity, title and the measures it supports.
pub fn render_text(policies: &[&Policy], out: &mut dyn Write) -> io::Result<()> {
    for policy in policies {
        let info = &policy.info;
        let measures: Vec<&str> = info.measures.iter().map(|m| m.id.as_str()).collect();
        writeln!(
            out,
            "{:<12} {:<8} {}  [{}]",
            info.id,
            info.severity,
            info.title,
            measures.join(", ")
        )?;
    }
    Ok(())
}

/// A listed policy in `copguard policies --format json` (an array of these).
#[derive(Serialize)]
pub struct JsonPolicy<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub title: &'a str,
    pub severity: Severity,
    /// `aws`, `azure`, `kubernetes`, or null when it cannot be told.
    pub provider: Option<&'static str>,
    pub topics: &'a [Topic],
    /// The measures it gives evidence in support of.
    pub measures: &'a [super::MeasureRef],
    pub resource_types: &'a [String],
    pub source: &'a str,
    pub builtin: bool,
}

/// A JSON array of [`JsonPolicy`].
pub fn render_json(policies: &[&Policy], out: &mut dyn Write) -> io::Result<()> {
    let listed: Vec<JsonPolicy> = policies
        .iter()
        .map(|p| JsonPolicy {
            id: &p.info.id,
            name: &p.info.name,
            title: &p.info.title,
            severity: p.info.severity,
            provider: provider(&p.info),
            topics: &p.info.topics,
            measures: &p.info.measures,
            resource_types: &p.info.resource_types,
            source: &p.info.source,
            builtin: p.info.builtin,
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &listed)?;
    writeln!(out)
}

/// A Markdown table, one row per policy.
pub fn render_markdown(policies: &[&Policy], out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "| id | severity | provider | title | supports | topics |\n|---|---|---|---|---|---|"
    )?;
    for policy in policies {
        let info = &policy.info;
        let measures: Vec<String> = info.measures.iter().map(|m| m.to_string()).collect();
        let topics: Vec<&str> = info.topics.iter().map(|t| t.as_str()).collect();
        writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            info.id,
            info.severity,
            provider(info).unwrap_or("-"),
            crate::report::markdown::cell(&info.title),
            measures.join(", "),
            topics.join(", ")
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registry() -> Registry {
        Registry::builtin().expect("built-in policies load")
    }

    fn ids(policies: &[&Policy]) -> Vec<String> {
        policies.iter().map(|p| p.info.id.clone()).collect()
    }

    fn render(
        policies: &[&Policy],
        printer: fn(&[&Policy], &mut dyn Write) -> io::Result<()>,
    ) -> String {
        let mut out = Vec::new();
        printer(policies, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn no_criteria_keeps_everything() {
        let registry = registry();
        assert_eq!(
            filter(&registry, &PolicyFilter::default()).len(),
            registry.len()
        );
    }

    #[test]
    fn by_measure_in_any_spelling() {
        let registry = registry();
        let by = |m: &str| {
            ids(&filter(
                &registry,
                &PolicyFilter {
                    measure: Some(m.into()),
                    ..PolicyFilter::default()
                },
            ))
        };
        let m1309 = by("M13.09");
        assert!(m1309.contains(&"CG-AWS-001".to_string()), "{m1309:?}");
        assert!(!m1309.contains(&"CG-K8S-001".to_string()));
        assert_eq!(by("m13.09"), m1309);
        assert_eq!(by("TSCoP 1.0 M13.09"), m1309);
        assert!(by("TSCoP 1.1 M13.09").is_empty());
        assert!(by("M1.02").is_empty(), "a process measure");
        for policy in filter(
            &registry,
            &PolicyFilter {
                measure: Some("M13.09".into()),
                ..PolicyFilter::default()
            },
        ) {
            assert!(policy.info.measures.iter().any(|m| m.id == "M13.09"));
        }
    }

    #[test]
    fn by_provider_topic_and_severity_together() {
        let registry = registry();
        let all = filter(&registry, &PolicyFilter::default());
        let mut total = 0;
        for name in PROVIDERS {
            let listed = filter(
                &registry,
                &PolicyFilter {
                    provider: Some(name.to_uppercase()),
                    ..PolicyFilter::default()
                },
            );
            assert!(!listed.is_empty(), "{name}");
            assert!(listed
                .iter()
                .all(|p| p.info.source.starts_with(&format!("policies/{name}/"))));
            total += listed.len();
        }
        assert_eq!(total, all.len(), "every built-in has a provider");
        let k8s = PolicyFilter {
            provider: Some("k8s".into()),
            ..PolicyFilter::default()
        };
        assert!(ids(&filter(&registry, &k8s))
            .iter()
            .all(|id| id.starts_with("CG-K8S-")));

        let critical_aws_network = PolicyFilter {
            provider: Some("aws".into()),
            topic: Some(Topic::NetworkExposure),
            severity: Some(Severity::Critical),
            measure: None,
        };
        let listed = filter(&registry, &critical_aws_network);
        assert!(!listed.is_empty());
        for p in &listed {
            assert_eq!(p.info.severity, Severity::Critical);
            assert!(p.info.topics.contains(&Topic::NetworkExposure));
            assert!(p.info.id.starts_with("CG-AWS-"));
        }
        let expected: Vec<String> = all
            .iter()
            .filter(|p| {
                p.info.id.starts_with("CG-AWS-")
                    && p.info.severity == Severity::Critical
                    && p.info.topics.contains(&Topic::NetworkExposure)
            })
            .map(|p| p.info.id.clone())
            .collect();
        assert_eq!(ids(&listed), expected);
    }

    #[test]
    fn user_policies_take_their_provider_from_resource_types() {
        let registry = registry();
        let mut info = registry.policies()[0].info.clone();
        info.builtin = false;
        info.source = "/home/me/policies/mine.yaml".into();
        info.resource_types = vec!["azurerm_key_vault".into(), "azurerm_key_vault_key".into()];
        assert_eq!(provider(&info), Some("azure"));
        info.resource_types.push("aws_s3_bucket".into());
        assert_eq!(provider(&info), None, "mixed");
        // A user file under a directory called policies/aws is still judged
        // by what it checks.
        info.source = "policies/aws/mine.yaml".into();
        info.resource_types = vec!["kubernetes_pod_spec".into()];
        assert_eq!(provider(&info), Some("kubernetes"));
    }

    #[test]
    fn check_catches_typos() {
        assert!(PolicyFilter::default().check().is_ok());
        let with = |measure: Option<&str>, provider: Option<&str>| PolicyFilter {
            measure: measure.map(Into::into),
            provider: provider.map(Into::into),
            ..PolicyFilter::default()
        };
        assert!(with(Some("m13.09"), Some("Azure")).check().is_ok());
        assert!(
            with(Some("M1.02"), None).check().is_ok(),
            "known, if uncited"
        );
        assert_eq!(
            with(Some("M13.9"), None).check().unwrap_err(),
            "M13.9 is not a measure of TSCoP 1.0; measures look like M13.09"
        );
        assert!(with(Some("TSCoP 2.0 M13.09"), None).check().is_err());
        assert_eq!(
            with(None, Some("gcp")).check().unwrap_err(),
            "unknown provider gcp; known: aws, azure, kubernetes"
        );
    }

    #[test]
    fn topics_and_severities_parse() {
        for topic in TOPICS {
            // Exhaustive: a new topic must be added to TOPICS.
            match topic {
                Topic::PublicCloud
                | Topic::DataProtection
                | Topic::Encryption
                | Topic::Logging
                | Topic::NetworkExposure
                | Topic::PrivilegedAccess
                | Topic::Resilience
                | Topic::Apis
                | Topic::Automation => {}
            }
            assert_eq!(parse_topic(topic.as_str()), Ok(topic));
        }
        assert_eq!(parse_topic("Public-Cloud"), Ok(Topic::PublicCloud));
        assert!(parse_topic("cloud")
            .unwrap_err()
            .starts_with("unknown topic cloud; known: public-cloud, "));
        assert_eq!(parse_severity("HIGH"), Ok(Severity::High));
        assert!(parse_severity("severe").is_err());
    }

    #[test]
    fn renderers() {
        let registry = registry();
        let listed = filter(
            &registry,
            &PolicyFilter {
                measure: Some("M16.08".into()),
                ..PolicyFilter::default()
            },
        );
        assert!(listed.len() >= 2);

        let text = render(&listed, render_text);
        assert_eq!(text.lines().count(), listed.len());
        assert!(text.lines().all(|l| l.contains("M16.08")), "{text}");

        let json: serde_json::Value = serde_json::from_str(&render(&listed, render_json)).unwrap();
        let array = json.as_array().unwrap();
        assert_eq!(array.len(), listed.len());
        assert_eq!(array[0]["id"], listed[0].info.id.as_str());
        assert!(array[0]["provider"].is_string());
        assert_eq!(array[0]["measures"][0]["code"], "TSCoP");
        assert!(array[0]["severity"].is_string());
        assert_eq!(render(&[], render_json), "[]\n");

        let md = render(&listed, render_markdown);
        let lines: Vec<&str> = md.lines().collect();
        assert_eq!(lines.len(), listed.len() + 2);
        assert!(lines
            .iter()
            .all(|l| l.starts_with("| ") && l.ends_with(" |") || l.starts_with("|---")));
        assert!(md.contains("TSCoP 1.0 M16.08"));
    }
}
