#!/usr/bin/env python3
"""Call every read operation the copguard AWS collector uses against a
(seeded) moto server and print, per operation, the response or the error
code. Research aid only: shows moto's response shapes and "not configured"
errors. Usage:

    python probe_reads.py --endpoint-url http://127.0.0.1:PORT [--region eu-west-2]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import urllib.parse

for _k in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
    os.environ.setdefault(_k, "testing")
os.environ.pop("AWS_PROFILE", None)

import boto3  # noqa: E402
from botocore.exceptions import ClientError  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--endpoint-url", required=True)
    ap.add_argument("--region", default="eu-west-2")
    ap.add_argument("--only", default="", help="comma list of service prefixes")
    args = ap.parse_args()
    ep, region = args.endpoint_url.rstrip("/"), args.region

    def c(svc):
        return boto3.client(svc, endpoint_url=ep, region_name=region)

    def s3control():
        cl = c("s3control")
        base = urllib.parse.urlsplit(ep)

        def rewrite(request, **_):
            u = urllib.parse.urlsplit(request.url)
            request.url = urllib.parse.urlunsplit((base.scheme, base.netloc, u.path, u.query, u.fragment))
            if "Host" in request.headers:
                del request.headers["Host"]

        cl.meta.events.register("before-sign.s3-control.*", rewrite)
        return cl

    ctx: dict = {}

    def call(label, fn):
        if args.only and not any(label.startswith(p) for p in args.only.split(",")):
            return None
        try:
            r = fn()
            if isinstance(r, dict):
                r.pop("ResponseMetadata", None)
            print(f"### {label}: OK\n{json.dumps(r, default=str, indent=1)}")
            return r
        except ClientError as e:
            err = e.response.get("Error", {})
            st = e.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
            print(f"### {label}: ERROR http={st} code={err.get('Code')} msg={err.get('Message')}")
        except Exception as e:  # noqa: BLE001
            print(f"### {label}: EXC {type(e).__name__}: {e}")
        return None

    s3 = c("s3")
    call("s3 ListBuckets", s3.list_buckets)
    for b in ("cg-unencrypted", "cg-sealed"):
        call(f"s3 GetBucketLocation {b}", lambda: s3.get_bucket_location(Bucket=b))
        call(f"s3 GetBucketEncryption {b}", lambda: s3.get_bucket_encryption(Bucket=b))
        call(f"s3 GetBucketVersioning {b}", lambda: s3.get_bucket_versioning(Bucket=b))
        call(f"s3 GetBucketLogging {b}", lambda: s3.get_bucket_logging(Bucket=b))
        call(f"s3 GetPublicAccessBlock {b}", lambda: s3.get_public_access_block(Bucket=b))
        call(f"s3 GetBucketPolicy {b}", lambda: s3.get_bucket_policy(Bucket=b))
    call("s3control GetPublicAccessBlock 123456789012",
         lambda: s3control().get_public_access_block(AccountId="123456789012"))
    call("s3control GetPublicAccessBlock 111111111111 (unset)",
         lambda: s3control().get_public_access_block(AccountId="111111111111"))

    ec2 = c("ec2")
    call("ec2 DescribeRegions", ec2.describe_regions)
    call("ec2 DescribeSecurityGroups", ec2.describe_security_groups)
    call("ec2 DescribeInstances", ec2.describe_instances)
    call("ec2 DescribeVolumes", ec2.describe_volumes)
    call("ec2 GetEbsEncryptionByDefault", ec2.get_ebs_encryption_by_default)
    call("ec2 DescribeVpcs", ec2.describe_vpcs)
    call("ec2 DescribeFlowLogs", ec2.describe_flow_logs)
    call("ec2 DescribeLaunchTemplates", ec2.describe_launch_templates)
    call("ec2 DescribeLaunchTemplateVersions $Latest",
         lambda: ec2.describe_launch_template_versions(LaunchTemplateName="cg-lt", Versions=["$Latest"]))
    call("ec2 DescribeLaunchTemplateVersions all",
         lambda: ec2.describe_launch_template_versions(LaunchTemplateName="cg-lt"))

    iam = c("iam")
    pols = call("iam ListPolicies Local", lambda: iam.list_policies(Scope="Local")) or {}
    for p in pols.get("Policies", []):
        call(f"iam GetPolicyVersion {p['PolicyName']}",
             lambda: iam.get_policy_version(PolicyArn=p["Arn"], VersionId=p["DefaultVersionId"]))
    call("iam ListRoles", iam.list_roles)
    for r in ("cg-ec2", "cg-open-trust"):
        call(f"iam ListRolePolicies {r}", lambda: iam.list_role_policies(RoleName=r))
        call(f"iam ListAttachedRolePolicies {r}", lambda: iam.list_attached_role_policies(RoleName=r))
    call("iam GetRolePolicy cg-ec2", lambda: iam.get_role_policy(RoleName="cg-ec2", PolicyName="cg-ec2-inline"))
    call("iam ListUsers", iam.list_users)
    call("iam ListUserPolicies cg-user", lambda: iam.list_user_policies(UserName="cg-user"))
    call("iam GetUserPolicy cg-user", lambda: iam.get_user_policy(UserName="cg-user", PolicyName="cg-user-inline"))
    call("iam ListAttachedUserPolicies cg-user", lambda: iam.list_attached_user_policies(UserName="cg-user"))
    call("iam ListGroups", iam.list_groups)
    call("iam ListGroupPolicies cg-admins", lambda: iam.list_group_policies(GroupName="cg-admins"))
    call("iam GetGroupPolicy cg-admins",
         lambda: iam.get_group_policy(GroupName="cg-admins", PolicyName="cg-admins-inline"))
    call("iam ListAttachedGroupPolicies cg-admins", lambda: iam.list_attached_group_policies(GroupName="cg-admins"))
    call("iam GetAccountPasswordPolicy", iam.get_account_password_policy)
    call("iam GetAccountSummary", iam.get_account_summary)

    kms = c("kms")
    keys = call("kms ListKeys", kms.list_keys) or {}
    for k in keys.get("Keys", []):
        call(f"kms DescribeKey {k['KeyId']}", lambda: kms.describe_key(KeyId=k["KeyId"]))
        call(f"kms GetKeyRotationStatus {k['KeyId']}", lambda: kms.get_key_rotation_status(KeyId=k["KeyId"]))
        call(f"kms GetKeyPolicy {k['KeyId']}", lambda: kms.get_key_policy(KeyId=k["KeyId"], PolicyName="default"))
    call("kms ListAliases", kms.list_aliases)

    ct = c("cloudtrail")
    call("cloudtrail DescribeTrails", ct.describe_trails)
    call("cloudtrail GetTrailStatus", lambda: ct.get_trail_status(Name="cg-single"))
    call("cloudtrail GetEventSelectors", lambda: ct.get_event_selectors(TrailName="cg-single"))

    call("logs DescribeLogGroups", c("logs").describe_log_groups)
    rds = c("rds")
    call("rds DescribeDBInstances", rds.describe_db_instances)
    call("rds DescribeDBClusters", rds.describe_db_clusters)

    elb = c("elbv2")
    lbs = call("elbv2 DescribeLoadBalancers", elb.describe_load_balancers) or {}
    for lb in lbs.get("LoadBalancers", []):
        call("elbv2 DescribeListeners", lambda: elb.describe_listeners(LoadBalancerArn=lb["LoadBalancerArn"]))

    ddb = c("dynamodb")
    call("dynamodb ListTables", ddb.list_tables)
    for t in ("cg-plain", "cg-kms"):
        call(f"dynamodb DescribeTable {t}", lambda: ddb.describe_table(TableName=t))

    sns = c("sns")
    topics = call("sns ListTopics", sns.list_topics) or {}
    for t in topics.get("Topics", []):
        call("sns GetTopicAttributes", lambda: sns.get_topic_attributes(TopicArn=t["TopicArn"]))
    sqs = c("sqs")
    qs = call("sqs ListQueues", sqs.list_queues) or {}
    for q in qs.get("QueueUrls", []):
        call(f"sqs GetQueueAttributes {q}", lambda: sqs.get_queue_attributes(QueueUrl=q, AttributeNames=["All"]))

    lam = c("lambda")
    call("lambda ListFunctions", lam.list_functions)
    call("lambda GetFunction", lambda: lam.get_function(FunctionName="cg-fn"))

    eks = c("eks")
    call("eks ListClusters", eks.list_clusters)
    call("eks DescribeCluster", lambda: eks.describe_cluster(name="cg-eks"))
    call("ecr DescribeRepositories", c("ecr").describe_repositories)
    gd = c("guardduty")
    dets = call("guardduty ListDetectors", gd.list_detectors) or {}
    for d in dets.get("DetectorIds", []):
        call("guardduty GetDetector", lambda: gd.get_detector(DetectorId=d))
    cfg = c("config")
    call("config DescribeConfigurationRecorders", cfg.describe_configuration_recorders)
    call("config DescribeConfigurationRecorderStatus", cfg.describe_configuration_recorder_status)
    call("secretsmanager ListSecrets", c("secretsmanager").list_secrets)
    call("sts GetCallerIdentity", c("sts").get_caller_identity)
    call("organizations ListAccounts", c("organizations").list_accounts)
    return 0


if __name__ == "__main__":
    sys.exit(main())
