//! EC2: security groups and their rules, instances (metadata options, block
//! devices with their volumes' encryption), EBS volumes, the region's EBS
//! default encryption, VPCs and flow logs, launch templates.

use super::client;
use crate::Task;
use copguard_snapshot::obj;
use serde_json::Value;
use std::collections::HashMap;

pub(crate) async fn collect(task: &mut Task<'_>) {
    let ec2 = client!(aws_sdk_ec2, task);
    security_groups(task, &ec2).await;
    let volumes = volumes(task, &ec2).await;
    instances(task, &ec2, &volumes).await;
    match ec2.get_ebs_encryption_by_default().send().await {
        Ok(out) => task.fact(
            "EbsEncryptionByDefault",
            out.ebs_encryption_by_default().map(Value::Bool),
        ),
        Err(error) => {
            task.error("GetEbsEncryptionByDefault", &error);
            task.fact("EbsEncryptionByDefault", None);
        }
    }
    vpcs(task, &ec2).await;
    launch_templates(task, &ec2).await;
}

fn permissions(rules: &[aws_sdk_ec2::types::IpPermission]) -> Vec<Value> {
    rules
        .iter()
        .map(|rule| {
            let ipv4: Vec<Value> = rule
                .ip_ranges()
                .iter()
                .map(|r| obj! { "CidrIp" => r.cidr_ip(), "Description" => r.description() })
                .collect();
            let ipv6: Vec<Value> = rule
                .ipv6_ranges()
                .iter()
                .map(|r| obj! { "CidrIpv6" => r.cidr_ipv6(), "Description" => r.description() })
                .collect();
            let groups: Vec<Value> = rule
                .user_id_group_pairs()
                .iter()
                .map(|g| obj! { "GroupId" => g.group_id() })
                .collect();
            let prefixes: Vec<Value> = rule
                .prefix_list_ids()
                .iter()
                .map(|p| obj! { "PrefixListId" => p.prefix_list_id() })
                .collect();
            obj! {
                "IpProtocol" => rule.ip_protocol(),
                "FromPort" => rule.from_port(),
                "ToPort" => rule.to_port(),
                "IpRanges" => ipv4,
                "Ipv6Ranges" => ipv6,
                "UserIdGroupPairs" => groups,
                "PrefixListIds" => prefixes,
            }
        })
        .collect()
}

async fn security_groups(task: &mut Task<'_>, ec2: &aws_sdk_ec2::Client) {
    let mut pages = ec2.describe_security_groups().into_paginator().send();
    while let Some(page) = pages.next().await {
        let Some(page) = task.ok("DescribeSecurityGroups", page) else {
            return;
        };
        for group in page.security_groups() {
            let Some(id) = group.group_id() else { continue };
            let arn = task.arn("ec2", &format!("security-group/{id}"));
            // A VPC's default group is what Terraform manages as
            // aws_default_security_group.
            let resource_type = if group.group_name() == Some("default") {
                "aws_default_security_group"
            } else {
                "aws_security_group"
            };
            let api = obj! {
                "GroupId" => id,
                "GroupName" => group.group_name(),
                "Description" => group.description(),
                "VpcId" => group.vpc_id(),
                "Arn" => arn.as_str(),
                "IpPermissions" => permissions(group.ip_permissions()),
                "IpPermissionsEgress" => permissions(group.ip_permissions_egress()),
            };
            task.push(resource_type, arn.clone(), Some(arn), api);
        }
    }
}

/// Volume id -> (encrypted, KMS key).
type Volumes = HashMap<String, (Option<bool>, Option<String>)>;

async fn volumes(task: &mut Task<'_>, ec2: &aws_sdk_ec2::Client) -> Volumes {
    let mut known = Volumes::new();
    let mut pages = ec2.describe_volumes().into_paginator().send();
    while let Some(page) = pages.next().await {
        let Some(page) = task.ok("DescribeVolumes", page) else {
            break;
        };
        for volume in page.volumes() {
            let Some(id) = volume.volume_id() else {
                continue;
            };
            known.insert(
                id.to_string(),
                (volume.encrypted(), volume.kms_key_id().map(str::to_string)),
            );
            let arn = task.arn("ec2", &format!("volume/{id}"));
            let api = obj! {
                "VolumeId" => id,
                "Arn" => arn.as_str(),
                "AvailabilityZone" => volume.availability_zone(),
                "Size" => volume.size(),
                "VolumeType" => volume.volume_type().map(|t| t.as_str()),
                "Encrypted" => volume.encrypted(),
                "KmsKeyId" => volume.kms_key_id(),
            };
            task.push("aws_ebs_volume", arn.clone(), Some(arn), api);
        }
    }
    known
}

async fn instances(task: &mut Task<'_>, ec2: &aws_sdk_ec2::Client, volumes: &Volumes) {
    let mut pages = ec2.describe_instances().into_paginator().send();
    while let Some(page) = pages.next().await {
        let Some(page) = task.ok("DescribeInstances", page) else {
            return;
        };
        for instance in page.reservations().iter().flat_map(|r| r.instances()) {
            let Some(id) = instance.instance_id() else {
                continue;
            };
            let state = instance.state().and_then(|s| s.name()).map(|n| n.as_str());
            if matches!(state, Some("terminated") | Some("shutting-down")) {
                continue;
            }
            let root_name = instance.root_device_name();
            let mut root = None;
            let mut others = Vec::new();
            for mapping in instance.block_device_mappings() {
                let volume_id = mapping.ebs().and_then(|e| e.volume_id());
                let (encrypted, kms) = volume_id
                    .and_then(|v| volumes.get(v))
                    .cloned()
                    .unwrap_or((None, None));
                let device = obj! {
                    "DeviceName" => mapping.device_name(),
                    "VolumeId" => volume_id,
                    "Encrypted" => encrypted,
                    "KmsKeyId" => kms,
                };
                if mapping.device_name().is_some() && mapping.device_name() == root_name {
                    root = Some(device);
                } else {
                    others.push(device);
                }
            }
            let metadata = instance.metadata_options().map(|m| {
                obj! {
                    "HttpTokens" => m.http_tokens().map(|t| t.as_str()),
                    "HttpEndpoint" => m.http_endpoint().map(|t| t.as_str()),
                    "HttpPutResponseHopLimit" => m.http_put_response_hop_limit(),
                }
            });
            let arn = task.arn("ec2", &format!("instance/{id}"));
            let api = obj! {
                "InstanceId" => id,
                "Arn" => arn.as_str(),
                "InstanceType" => instance.instance_type().map(|t| t.as_str()),
                "ImageId" => instance.image_id(),
                "SubnetId" => instance.subnet_id(),
                "VpcId" => instance.vpc_id(),
                "IamInstanceProfile" => instance.iam_instance_profile().and_then(|p| p.arn()),
                "PublicIpAddress" => instance.public_ip_address(),
                "MetadataOptions" => metadata,
                "RootBlockDevice" => root,
                "EbsBlockDevices" => others,
            };
            task.push("aws_instance", arn.clone(), Some(arn), api);
        }
    }
}

async fn vpcs(task: &mut Task<'_>, ec2: &aws_sdk_ec2::Client) {
    let mut pages = ec2.describe_vpcs().into_paginator().send();
    while let Some(page) = pages.next().await {
        let Some(page) = task.ok("DescribeVpcs", page) else {
            break;
        };
        for vpc in page.vpcs() {
            let Some(id) = vpc.vpc_id() else { continue };
            let arn = task.arn("ec2", &format!("vpc/{id}"));
            let api = obj! {
                "VpcId" => id,
                "Arn" => arn.as_str(),
                "CidrBlock" => vpc.cidr_block(),
                "IsDefault" => vpc.is_default(),
            };
            task.push("aws_vpc", arn.clone(), Some(arn), api);
        }
    }
    let mut pages = ec2.describe_flow_logs().into_paginator().send();
    while let Some(page) = pages.next().await {
        let Some(page) = task.ok("DescribeFlowLogs", page) else {
            return;
        };
        for log in page.flow_logs() {
            let Some(id) = log.flow_log_id() else {
                continue;
            };
            let resource = log.resource_id().unwrap_or_default();
            let arn = task.arn("ec2", &format!("vpc-flow-log/{id}"));
            let api = obj! {
                "FlowLogId" => id,
                "Arn" => arn.as_str(),
                "VpcId" => resource.starts_with("vpc-").then_some(resource),
                "SubnetId" => resource.starts_with("subnet-").then_some(resource),
                "TrafficType" => log.traffic_type().map(|t| t.as_str()),
                "LogDestinationType" => log.log_destination_type().map(|t| t.as_str()),
                "LogDestination" => log.log_destination(),
                "LogGroupName" => log.log_group_name(),
            };
            task.push("aws_flow_log", arn.clone(), Some(arn), api);
        }
    }
}

async fn launch_templates(task: &mut Task<'_>, ec2: &aws_sdk_ec2::Client) {
    let mut templates = Vec::new();
    let mut pages = ec2.describe_launch_templates().into_paginator().send();
    while let Some(page) = pages.next().await {
        let Some(page) = task.ok("DescribeLaunchTemplates", page) else {
            break;
        };
        for template in page.launch_templates() {
            if let Some(id) = template.launch_template_id() {
                templates.push((
                    id.to_string(),
                    template.launch_template_name().map(str::to_string),
                ));
            }
        }
    }
    for (id, name) in templates {
        let arn = task.arn("ec2", &format!("launch-template/{id}"));
        let versions = ec2
            .describe_launch_template_versions()
            .launch_template_id(&id)
            .versions("$Default")
            .send()
            .await;
        let mut unknown = std::collections::BTreeSet::new();
        let data = match versions {
            Ok(out) => out
                .launch_template_versions()
                .first()
                .and_then(|v| v.launch_template_data())
                .map(|data| {
                    let metadata = data.metadata_options().map(|m| {
                        obj! {
                            "HttpTokens" => m.http_tokens().map(|t| t.as_str()),
                            "HttpEndpoint" => m.http_endpoint().map(|t| t.as_str()),
                        }
                    });
                    let devices: Vec<Value> = data
                        .block_device_mappings()
                        .iter()
                        .map(|d| {
                            obj! {
                                "DeviceName" => d.device_name(),
                                "Ebs" => d.ebs().map(|e| obj! { "Encrypted" => e.encrypted(), "KmsKeyId" => e.kms_key_id() }),
                            }
                        })
                        .collect();
                    obj! { "MetadataOptions" => metadata, "BlockDeviceMappings" => devices }
                }),
            Err(error) => {
                task.error("DescribeLaunchTemplateVersions", &error);
                unknown.insert("LaunchTemplateData".to_string());
                None
            }
        };
        let api = obj! {
            "LaunchTemplateId" => id.as_str(),
            "LaunchTemplateName" => name,
            "Arn" => arn.as_str(),
            "LaunchTemplateData" => data,
        };
        task.push_with_unknown("aws_launch_template", arn.clone(), Some(arn), api, unknown);
    }
}
