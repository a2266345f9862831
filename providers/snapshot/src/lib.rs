//! copguard-snapshot: what copguard's live collectors share.
//!
//! - [`format`]: the snapshot JSON every collector writes and the copguard
//!   core reads (`docs/snapshot-format.md`), and how it is written (through a
//!   temporary file, so an interrupted run leaves nothing half-written);
//! - [`mapping`]: the data-driven mapping from a cloud API's shapes to
//!   canonical Terraform shapes (each collector's `live.yaml`);
//! - `obj!` and [`json::ToJson`]: building API-shaped objects from SDK types
//!   that do not serialise.

pub mod format;
#[doc(hidden)]
pub mod json;
pub mod mapping;

pub use format::{
    collect_then_write, default_file_name, now_rfc3339, output_paths, progress_bar, write_snapshot,
    CallError, Snapshot, SnapshotResource, Stopped, Tool, FORMAT_VERSION, SNAPSHOT_KIND,
};
