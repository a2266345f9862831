//! AWS Config: configuration recorders, what they record and whether they
//! are recording; whether any records becomes the region's
//! `ConfigRecording` fact.

use super::client;
use crate::Task;
use copguard_snapshot::obj;
use serde_json::Value;
use std::collections::HashMap;

pub(crate) async fn collect(task: &mut Task<'_>) {
    let config = client!(aws_sdk_config, task);
    let Some(recorders) = task.ok(
        "DescribeConfigurationRecorders",
        config.describe_configuration_recorders().send().await,
    ) else {
        task.fact("ConfigRecording", None);
        return;
    };
    let statuses = config.describe_configuration_recorder_status().send().await;
    let recording: Option<HashMap<String, bool>> = match statuses {
        Ok(out) => Some(
            out.configuration_recorders_status()
                .iter()
                .filter_map(|s| Some((s.name()?.to_string(), s.recording())))
                .collect(),
        ),
        Err(error) => {
            task.error("DescribeConfigurationRecorderStatus", &error);
            None
        }
    };
    let mut any = false;
    for recorder in recorders.configuration_recorders() {
        let Some(name) = recorder.name() else {
            continue;
        };
        let is_recording = recording
            .as_ref()
            .map(|r| r.get(name).copied().unwrap_or(false));
        any |= is_recording == Some(true);
        let group = recorder.recording_group().map(|g| {
            obj! {
                "AllSupported" => g.all_supported(),
                "IncludeGlobalResourceTypes" => g.include_global_resource_types(),
                "RecordingStrategy" => g.recording_strategy().map(|s| obj! { "UseOnly" => s.use_only().map(|u| u.as_str()) }),
            }
        });
        let arn = task.arn("config", &format!("config-recorder/{name}"));
        let api = obj! {
            "Name" => name,
            "Arn" => arn.as_str(),
            "RoleARN" => recorder.role_arn(),
            "RecordingGroup" => group,
            "Recording" => is_recording,
        };
        let unknown = if recording.is_none() {
            ["Recording".to_string()].into_iter().collect()
        } else {
            Default::default()
        };
        task.push_with_unknown(
            "aws_config_configuration_recorder",
            arn.clone(),
            Some(arn),
            api,
            unknown,
        );
    }
    task.fact(
        "ConfigRecording",
        (any || recording.is_some()).then_some(Value::Bool(any)),
    );
}
