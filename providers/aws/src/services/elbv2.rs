//! Elastic Load Balancing v2: load balancers and their listeners'
//! protocols, TLS policies and default actions.

use super::client;
use crate::Task;
use copguard_snapshot::obj;
use serde_json::Value;

pub(crate) async fn collect(task: &mut Task<'_>) {
    let elb = client!(aws_sdk_elasticloadbalancingv2, task);
    let mut balancers = Vec::new();
    let mut pages = elb.describe_load_balancers().into_paginator().send();
    while let Some(page) = pages.next().await {
        let Some(page) = task.ok("DescribeLoadBalancers", page) else {
            break;
        };
        for lb in page.load_balancers() {
            let Some(arn) = lb.load_balancer_arn() else {
                continue;
            };
            balancers.push(arn.to_string());
            let api = obj! {
                "LoadBalancerArn" => arn,
                "LoadBalancerName" => lb.load_balancer_name(),
                "Scheme" => lb.scheme().map(|s| s.as_str()),
                "Type" => lb.r#type().map(|t| t.as_str()),
            };
            task.push("aws_lb", arn.to_string(), Some(arn.to_string()), api);
        }
    }
    for balancer in balancers {
        let mut pages = elb
            .describe_listeners()
            .load_balancer_arn(&balancer)
            .into_paginator()
            .send();
        while let Some(page) = pages.next().await {
            let Some(page) = task.ok("DescribeListeners", page) else {
                break;
            };
            for listener in page.listeners() {
                let Some(arn) = listener.listener_arn() else {
                    continue;
                };
                let actions: Vec<Value> = listener
                    .default_actions()
                    .iter()
                    .map(|a| {
                        obj! {
                            "Type" => a.r#type().map(|t| t.as_str()),
                            "RedirectConfig" => a.redirect_config().map(|r| obj! {
                                "Protocol" => r.protocol(),
                                "Port" => r.port(),
                                "StatusCode" => r.status_code().map(|s| s.as_str()),
                            }),
                        }
                    })
                    .collect();
                let api = obj! {
                    "ListenerArn" => arn,
                    "LoadBalancerArn" => listener.load_balancer_arn(),
                    "Port" => listener.port(),
                    "Protocol" => listener.protocol().map(|p| p.as_str()),
                    "SslPolicy" => listener.ssl_policy(),
                    "DefaultActions" => actions,
                };
                task.push(
                    "aws_lb_listener",
                    arn.to_string(),
                    Some(arn.to_string()),
                    api,
                );
            }
        }
    }
}
