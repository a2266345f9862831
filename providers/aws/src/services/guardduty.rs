//! GuardDuty: the region's detectors; whether any is enabled becomes the
//! region's `GuardDutyEnabled` fact.

use super::client;
use crate::Task;
use copguard_snapshot::obj;
use serde_json::Value;

pub(crate) async fn collect(task: &mut Task<'_>) {
    let guardduty = client!(aws_sdk_guardduty, task);
    let mut ids = Vec::new();
    let mut pages = guardduty.list_detectors().into_paginator().send();
    while let Some(page) = pages.next().await {
        let Some(page) = task.ok("ListDetectors", page) else {
            task.fact("GuardDutyEnabled", None);
            return;
        };
        ids.extend(page.detector_ids().iter().cloned());
    }
    let mut enabled = false;
    let mut unknown = false;
    for id in ids {
        let arn = task.arn("guardduty", &format!("detector/{id}"));
        match guardduty.get_detector().detector_id(&id).send().await {
            Ok(out) => {
                let status = out.status().map(|s| s.as_str());
                enabled |= status == Some("ENABLED");
                let api =
                    obj! { "DetectorId" => id.as_str(), "Arn" => arn.as_str(), "Status" => status };
                task.push("aws_guardduty_detector", arn.clone(), Some(arn), api);
            }
            Err(error) => {
                task.error("GetDetector", &error);
                unknown = true;
            }
        }
    }
    task.fact(
        "GuardDutyEnabled",
        (enabled || !unknown).then_some(Value::Bool(enabled)),
    );
}
