//! The resource graph: canonical resources as nodes in a stable order, and
//! edges for the references between them. The same input always gives the
//! same node order and edges, so reports are byte-identical across runs.

use crate::model::Resource;
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
    /// The attribute of `from` that references `to`.
    pub path: String,
}

#[derive(Debug, Default)]
pub struct ResourceGraph {
    pub resources: Vec<Resource>,
    pub edges: Vec<Edge>,
}

impl ResourceGraph {
    /// Orders resources by file, position and address, and resolves each
    /// reference to an edge. References to resources outside the scan are
    /// left out: they are still "set, value unknown" on the resource.
    pub fn build(mut resources: Vec<Resource>) -> ResourceGraph {
        resources.sort_by(|a, b| {
            (
                &a.location.path,
                a.location.start_line,
                a.location.start_column,
                &a.address,
            )
                .cmp(&(
                    &b.location.path,
                    b.location.start_line,
                    b.location.start_column,
                    &b.address,
                ))
        });
        // Several resources can share an address (the same Kubernetes object
        // in two overlays of a tree): a reference reaches each of them.
        let mut by_address: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, r) in resources.iter().enumerate() {
            by_address.entry(r.address.as_str()).or_default().push(i);
        }
        // A reference without an instance key (`aws_vpc.main.id` to a
        // resource with `count`) reaches every instance of the block.
        let mut by_block: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, r) in resources.iter().enumerate() {
            by_block
                .entry(block_address(&r.address))
                .or_default()
                .push(i);
        }
        let by_address = &by_address;
        let by_block = &by_block;
        let all = &resources;
        let mut edges: Vec<Edge> = resources
            .iter()
            .enumerate()
            .flat_map(|(from, resource)| {
                resource.references.iter().flat_map(move |reference| {
                    let targets: Vec<usize> = match by_address.get(reference.target.as_str()) {
                        Some(all) => all.clone(),
                        None => by_block
                            .get(reference.target.as_str())
                            .cloned()
                            .unwrap_or_default(),
                    };
                    targets
                        .into_iter()
                        .filter(move |&to| all[to].same_namespace(resource))
                        .map(move |to| Edge {
                            from,
                            to,
                            path: reference.path.clone(),
                        })
                })
            })
            .collect();
        edges.sort();
        edges.dedup();
        ResourceGraph { resources, edges }
    }

    /// Resources that `index` references (edges are sorted by `from`).
    pub fn outgoing(&self, index: usize) -> &[Edge] {
        let start = self.edges.partition_point(|e| e.from < index);
        let end = self.edges.partition_point(|e| e.from <= index);
        &self.edges[start..end]
    }
}

/// The address of the block that declares an instance:
/// `aws_s3_bucket.b["x"]` -> `aws_s3_bucket.b` (only the last key).
pub fn block_address(address: &str) -> &str {
    if !address.ends_with(']') {
        return address;
    }
    // The key may contain '[' inside quotes: find the '[' that opens it.
    let mut in_string = false;
    let mut open = None;
    for (i, c) in address.char_indices() {
        match c {
            '"' => in_string = !in_string,
            '[' if !in_string => open = Some(i),
            _ => {}
        }
    }
    match open {
        Some(i) if !address[i..].contains("].") => &address[..i],
        _ => address,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sources::{terraform, SourceFile};

    #[test]
    fn references_become_edges_in_a_stable_order() {
        let file = SourceFile {
            display: "main.tf".into(),
            text: r#"
resource "aws_cloudtrail" "t" { kms_key_id = aws_kms_key.k.arn }
resource "aws_kms_key" "k" {}
resource "aws_s3_bucket" "b" { bucket = data.aws_caller_identity.me.account_id }
"#
            .into(),
        };
        let module = terraform::load_module(std::slice::from_ref(&file));
        let graph = ResourceGraph::build(module.resources);
        let addresses: Vec<&str> = graph.resources.iter().map(|r| r.address.as_str()).collect();
        assert_eq!(
            addresses,
            ["aws_cloudtrail.t", "aws_kms_key.k", "aws_s3_bucket.b"]
        );
        assert_eq!(
            graph.edges,
            vec![Edge {
                from: 0,
                to: 1,
                path: "kms_key_id".into()
            }]
        );
        assert_eq!(graph.outgoing(0).len(), 1);
        assert!(graph.outgoing(1).is_empty());
    }
}
