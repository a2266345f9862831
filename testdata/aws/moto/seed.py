#!/usr/bin/env python3
"""Seed a fresh moto server with a small, deliberately mixed AWS estate.

Used by copguard's AWS collector integration tests. Everything is created
through the normal AWS APIs (boto3), so the collector sees exactly what a real
account would return (modulo moto quirks, see README.md beside this file).

    python seed.py --endpoint-url http://127.0.0.1:PORT [--region eu-west-2]
                   [--reset] [--deny-kms [--enable-auth]]

Prints one JSON document (the summary) on stdout; progress/skip notes go to
stderr. Any step moto cannot do is skipped with a note in summary["skipped"]
instead of failing the run. Meant to run once against a fresh server (or with
--reset): names are fixed, so a second plain run reports "already exists"
skips and adds duplicate unnamed resources (VPCs, volumes, instances, keys).

--reset       first POST /moto-api/reset (wipe every backend) and
              /moto-api/reset-auth "inf" (IAM enforcement off), so the script
              can re-seed a server that is already in use.
--deny-kms    also create IAM user `cg-deny-kms` (inline policy: Allow * on *,
              explicit Deny kms:*) plus an access key, printed in the summary.
--enable-auth after seeding, POST /moto-api/reset-auth with "0" so the server
              starts enforcing IAM on every following request (all clients
              must then sign with a real moto IAM access key, e.g. the
              cg-deny-kms one; the dummy "testing" key is rejected).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
import traceback
import urllib.parse
import urllib.request
import zipfile

for _k, _v in {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SECURITY_TOKEN": "testing",
    "AWS_SESSION_TOKEN": "testing",
}.items():
    os.environ.setdefault(_k, _v)
# Never pick up a developer's real profile/config by accident.
os.environ.pop("AWS_PROFILE", None)

import boto3  # noqa: E402  (moto[server] installs it)
from botocore.config import Config  # noqa: E402
from botocore.exceptions import ClientError  # noqa: E402


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


class Seeder:
    def __init__(self, endpoint: str, region: str):
        self.endpoint = endpoint.rstrip("/")
        self.region = region
        self.summary: dict = {"endpoint": self.endpoint, "region": region, "skipped": []}
        self._cfg = Config(retries={"max_attempts": 2, "mode": "standard"})

    def client(self, service: str, config: Config | None = None):
        return boto3.client(
            service,
            endpoint_url=self.endpoint,
            region_name=self.region,
            config=config or self._cfg,
        )

    def s3control(self):
        """s3control client that talks to the plain endpoint.

        botocore's S3 Control endpoint rules put "{AccountId}." in front of the
        custom endpoint host (http://123456789012.127.0.0.1:PORT, which does
        not resolve; inject_host_prefix=False does not help). moto routes any
        path starting with /v20180820/ to s3control, so strip the prefix
        before signing.
        """
        c = self.client("s3control")
        base = urllib.parse.urlsplit(self.endpoint)

        def rewrite(request, **_):
            u = urllib.parse.urlsplit(request.url)
            request.url = urllib.parse.urlunsplit((base.scheme, base.netloc, u.path, u.query, u.fragment))
            if "Host" in request.headers:
                del request.headers["Host"]

        c.meta.events.register("before-sign.s3-control.*", rewrite)
        return c

    def step(self, name: str, fn):
        """Run one seeding step; on any error record a skip note and go on."""
        try:
            result = fn()
            log(f"ok    {name}")
            return result
        except Exception as e:  # noqa: BLE001 - deliberately broad: skip, don't fail
            if isinstance(e, ClientError):
                err = e.response.get("Error", {})
                why = f"{err.get('Code')}: {err.get('Message')}"
            else:
                why = f"{type(e).__name__}: {e}"
                log(traceback.format_exc())
            log(f"SKIP  {name}: {why}")
            self.summary["skipped"].append({"step": name, "reason": why})
            return None

    # ------------------------------------------------------------------ sts
    def sts(self):
        ident = self.client("sts").get_caller_identity()
        self.account = ident["Account"]
        self.summary["account_id"] = self.account

    # ------------------------------------------------------------------ kms
    def kms(self):
        kms = self.client("kms")
        out = {}

        def mk(name: str, rotate: bool):
            key = kms.create_key(
                Description=name,
                KeyUsage="ENCRYPT_DECRYPT",
                KeySpec="SYMMETRIC_DEFAULT",
                Tags=[{"TagKey": "Name", "TagValue": name}],
            )["KeyMetadata"]
            kms.create_alias(AliasName=f"alias/{name}", TargetKeyId=key["KeyId"])
            if rotate:
                kms.enable_key_rotation(KeyId=key["KeyId"])
            out[name] = {
                "key_id": key["KeyId"],
                "arn": key["Arn"],
                "alias": f"alias/{name}",
                "rotation": rotate,
            }

        self.step("kms cg-norotate", lambda: mk("cg-norotate", False))
        self.step("kms cg-rotate", lambda: mk("cg-rotate", True))
        self.summary["kms"] = out
        self.kms_arn = out.get("cg-rotate", {}).get("arn")

    # ------------------------------------------------------------------- s3
    def s3(self):
        s3 = self.client("s3")
        loc = {"LocationConstraint": self.region} if self.region != "us-east-1" else None
        out = {}

        def create(name: str):
            kw = {"Bucket": name}
            if loc:
                kw["CreateBucketConfiguration"] = loc
            s3.create_bucket(**kw)
            out[name] = {"arn": f"arn:aws:s3:::{name}"}

        for b in ("cg-logs", "cg-unencrypted", "cg-sealed"):
            self.step(f"s3 create {b}", lambda b=b: create(b))

        # cg-logs must grant the log-delivery group, otherwise moto (like AWS)
        # refuses it as a logging target.
        self.step(
            "s3 cg-logs acl log-delivery-write",
            lambda: s3.put_bucket_acl(Bucket="cg-logs", ACL="log-delivery-write"),
        )

        def sealed_sse():
            rule = {"SSEAlgorithm": "aws:kms"}
            if self.kms_arn:
                rule["KMSMasterKeyID"] = self.kms_arn
            s3.put_bucket_encryption(
                Bucket="cg-sealed",
                ServerSideEncryptionConfiguration={
                    "Rules": [{"ApplyServerSideEncryptionByDefault": rule, "BucketKeyEnabled": True}]
                },
            )

        self.step("s3 cg-sealed encryption", sealed_sse)
        self.step(
            "s3 cg-sealed versioning",
            lambda: s3.put_bucket_versioning(
                Bucket="cg-sealed", VersioningConfiguration={"Status": "Enabled"}
            ),
        )
        self.step(
            "s3 cg-sealed logging",
            lambda: s3.put_bucket_logging(
                Bucket="cg-sealed",
                BucketLoggingStatus={
                    "LoggingEnabled": {"TargetBucket": "cg-logs", "TargetPrefix": "s3/cg-sealed/"}
                },
            ),
        )
        policy = {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "DenyInsecureTransport",
                    "Effect": "Deny",
                    "Principal": "*",
                    "Action": "s3:*",
                    "Resource": ["arn:aws:s3:::cg-sealed", "arn:aws:s3:::cg-sealed/*"],
                    "Condition": {"Bool": {"aws:SecureTransport": "false"}},
                }
            ],
        }
        self.step(
            "s3 cg-sealed policy",
            lambda: s3.put_bucket_policy(Bucket="cg-sealed", Policy=json.dumps(policy)),
        )
        all_true = {
            "BlockPublicAcls": True,
            "IgnorePublicAcls": True,
            "BlockPublicPolicy": True,
            "RestrictPublicBuckets": True,
        }
        self.step(
            "s3 cg-sealed public access block",
            lambda: s3.put_public_access_block(
                Bucket="cg-sealed", PublicAccessBlockConfiguration=all_true
            ),
        )
        self.step(
            "s3control account public access block",
            lambda: self.s3control().put_public_access_block(
                AccountId=self.account, PublicAccessBlockConfiguration=all_true
            ),
        )
        out["account_public_access_block"] = all_true
        self.summary["s3"] = out

    # ------------------------------------------------------------------ ec2
    def ec2(self):
        ec2 = self.client("ec2")
        out: dict = {}
        r = self.region

        def vpcs():
            a = ec2.create_vpc(CidrBlock="10.10.0.0/16")["Vpc"]["VpcId"]
            ec2.create_tags(Resources=[a], Tags=[{"Key": "Name", "Value": "cg-vpc-noflow"}])
            b = ec2.create_vpc(CidrBlock="10.20.0.0/16")["Vpc"]["VpcId"]
            ec2.create_tags(Resources=[b], Tags=[{"Key": "Name", "Value": "cg-vpc-flow"}])
            out["vpc_noflow"] = a
            out["vpc_flow"] = b
            s1 = ec2.create_subnet(VpcId=a, CidrBlock="10.10.1.0/24", AvailabilityZone=f"{r}a")
            s2 = ec2.create_subnet(VpcId=a, CidrBlock="10.10.2.0/24", AvailabilityZone=f"{r}b")
            out["subnets"] = [s1["Subnet"]["SubnetId"], s2["Subnet"]["SubnetId"]]

        self.step("ec2 vpcs+subnets", vpcs)
        if "vpc_noflow" not in out:
            self.summary["ec2"] = out
            return

        def flow_log():
            resp = ec2.create_flow_logs(
                ResourceIds=[out["vpc_flow"]],
                ResourceType="VPC",
                TrafficType="ALL",
                LogDestinationType="s3",
                # moto treats everything after "arn:aws:s3:::" as the bucket name, so no
                # key prefix here ("cg-logs/vpc/" -> "does not exist").
                LogDestination="arn:aws:s3:::cg-logs",
            )
            if resp.get("Unsuccessful"):
                raise RuntimeError(f"create_flow_logs unsuccessful: {resp['Unsuccessful']}")
            out["flow_log_ids"] = resp["FlowLogIds"]

        self.step("ec2 flow log (vpc_flow -> cg-logs)", flow_log)

        def sgs():
            vpc = out["vpc_noflow"]
            o = ec2.create_security_group(GroupName="cg-open", Description="ssh from anywhere", VpcId=vpc)
            ec2.authorize_security_group_ingress(
                GroupId=o["GroupId"],
                IpPermissions=[{
                    "IpProtocol": "tcp", "FromPort": 22, "ToPort": 22,
                    "IpRanges": [{"CidrIp": "0.0.0.0/0", "Description": "world ssh"}],
                }],
            )
            c = ec2.create_security_group(GroupName="cg-closed", Description="https from 10/8", VpcId=vpc)
            ec2.authorize_security_group_ingress(
                GroupId=c["GroupId"],
                IpPermissions=[{
                    "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
                    "IpRanges": [{"CidrIp": "10.0.0.0/8"}],
                }],
            )
            # Sealed: without AWS's default allow-all egress rule either.
            ec2.revoke_security_group_egress(
                GroupId=c["GroupId"],
                IpPermissions=[{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}],
            )
            out["sg_open"] = o["GroupId"]
            out["sg_closed"] = c["GroupId"]

        self.step("ec2 security groups", sgs)

        def volumes():
            u = ec2.create_volume(AvailabilityZone=f"{r}a", Size=8, Encrypted=False,
                                  TagSpecifications=[{"ResourceType": "volume", "Tags": [{"Key": "Name", "Value": "cg-vol-plain"}]}])
            # Pass our own key: without KmsKeyId moto invents an alias/aws/ebs key
            # whose KeyManager is CUSTOMER (so it would show up in ListKeys as
            # an unrotated customer key).
            kms_kw = {"KmsKeyId": self.kms_arn} if self.kms_arn else {}
            e = ec2.create_volume(AvailabilityZone=f"{r}a", Size=8, Encrypted=True, **kms_kw,
                                  TagSpecifications=[{"ResourceType": "volume", "Tags": [{"Key": "Name", "Value": "cg-vol-encrypted"}]}])
            out["volume_unencrypted"] = u["VolumeId"]
            out["volume_encrypted"] = e["VolumeId"]

        self.step("ec2 volumes", volumes)

        def ami():
            imgs = ec2.describe_images(Owners=["amazon"])["Images"]
            imgs = [i for i in imgs if i.get("Architecture") == "x86_64"] or imgs
            out["ami"] = sorted(i["ImageId"] for i in imgs)[0]

        self.step("ec2 pick AMI", ami)

        def instance(name: str, tokens: str):
            resp = ec2.run_instances(
                ImageId=out["ami"], InstanceType="t3.micro", MinCount=1, MaxCount=1,
                SubnetId=out["subnets"][0],
                MetadataOptions={"HttpTokens": tokens, "HttpEndpoint": "enabled"},
                TagSpecifications=[{"ResourceType": "instance", "Tags": [{"Key": "Name", "Value": name}]}],
            )
            out[name] = resp["Instances"][0]["InstanceId"]

        if "ami" in out:
            self.step("ec2 instance cg-imdsv1 (optional)", lambda: instance("cg-imdsv1", "optional"))
            self.step("ec2 instance cg-imdsv2 (required)", lambda: instance("cg-imdsv2", "required"))

        def lt():
            resp = ec2.create_launch_template(
                LaunchTemplateName="cg-lt",
                LaunchTemplateData={
                    "ImageId": out.get("ami", "ami-12345678"),
                    "InstanceType": "t3.micro",
                    "MetadataOptions": {"HttpTokens": "required", "HttpEndpoint": "enabled"},
                },
            )
            out["launch_template"] = resp["LaunchTemplate"]["LaunchTemplateId"]

        self.step("ec2 launch template cg-lt", lt)
        # EBS encryption-by-default deliberately left disabled (region fails).
        out["ebs_encryption_by_default"] = False
        self.summary["ec2"] = out

    # ------------------------------------------------------------------ iam
    def iam(self):
        iam = self.client("iam")
        out: dict = {"policies": {}, "roles": {}}

        def pol(name: str, doc: dict):
            arn = iam.create_policy(PolicyName=name, PolicyDocument=json.dumps(doc))["Policy"]["Arn"]
            out["policies"][name] = arn

        self.step("iam policy cg-admin", lambda: pol("cg-admin", {
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}],
        }))
        self.step("iam policy cg-readonly", lambda: pol("cg-readonly", {
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::cg-sealed/*"}],
        }))

        def role(name: str, principal: dict, desc: str):
            trust = {
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Principal": principal, "Action": "sts:AssumeRole"}],
            }
            arn = iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(trust), Description=desc)["Role"]["Arn"]
            out["roles"][name] = arn

        self.step("iam role cg-open-trust", lambda: role("cg-open-trust", {"AWS": "*"}, "anyone may assume"))
        self.step("iam role cg-ec2", lambda: role("cg-ec2", {"Service": "ec2.amazonaws.com"}, "ec2 instance role"))
        # Needed as the execution role of the Lambda function and EKS cluster below.
        self.step("iam role cg-lambda", lambda: role("cg-lambda", {"Service": "lambda.amazonaws.com"}, "lambda exec"))
        self.step("iam role cg-eks", lambda: role("cg-eks", {"Service": "eks.amazonaws.com"}, "eks cluster"))

        def ec2_role_policies():
            iam.attach_role_policy(RoleName="cg-ec2", PolicyArn=out["policies"]["cg-readonly"])
            iam.put_role_policy(RoleName="cg-ec2", PolicyName="cg-ec2-inline", PolicyDocument=json.dumps({
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Action": "logs:PutLogEvents", "Resource": "*"}],
            }))

        self.step("iam cg-ec2 attach+inline", ec2_role_policies)

        def user():
            u = iam.create_user(UserName="cg-user")["User"]
            iam.put_user_policy(UserName="cg-user", PolicyName="cg-user-inline", PolicyDocument=json.dumps({
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Action": ["ec2:Describe*"], "Resource": "*"}],
            }))
            iam.attach_user_policy(UserName="cg-user", PolicyArn=out["policies"]["cg-readonly"])
            out["user"] = {"name": "cg-user", "arn": u["Arn"], "inline": "cg-user-inline",
                           "attached": ["cg-readonly"]}

        self.step("iam user cg-user", user)

        def group():
            g = iam.create_group(GroupName="cg-admins")["Group"]
            iam.attach_group_policy(GroupName="cg-admins", PolicyArn=out["policies"]["cg-admin"])
            iam.put_group_policy(GroupName="cg-admins", PolicyName="cg-admins-inline", PolicyDocument=json.dumps({
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Action": "iam:Get*", "Resource": "*"}],
            }))
            iam.add_user_to_group(GroupName="cg-admins", UserName="cg-user")
            out["group"] = {"name": "cg-admins", "arn": g["Arn"], "attached": ["cg-admin"],
                            "inline": "cg-admins-inline", "members": ["cg-user"]}

        self.step("iam group cg-admins", group)

        self.step("iam password policy (min length 8)", lambda: iam.update_account_password_policy(
            MinimumPasswordLength=8, RequireSymbols=False, RequireNumbers=False,
            RequireUppercaseCharacters=False, RequireLowercaseCharacters=False,
            AllowUsersToChangePassword=True,
        ))
        out["password_policy_min_length"] = 8
        self.summary["iam"] = out

    def deny_kms_user(self):
        iam = self.client("iam")

        def mk():
            iam.create_user(UserName="cg-deny-kms")
            iam.put_user_policy(UserName="cg-deny-kms", PolicyName="allow-all-but-kms", PolicyDocument=json.dumps({
                "Version": "2012-10-17",
                "Statement": [
                    {"Effect": "Allow", "Action": "*", "Resource": "*"},
                    {"Effect": "Deny", "Action": "kms:*", "Resource": "*"},
                ],
            }))
            key = iam.create_access_key(UserName="cg-deny-kms")["AccessKey"]
            self.summary["deny_kms_user"] = {
                "user": "cg-deny-kms",
                "access_key_id": key["AccessKeyId"],
                "secret_access_key": key["SecretAccessKey"],
            }

        self.step("iam user cg-deny-kms + access key", mk)

    # ------------------------------------------------------------ cloudtrail
    def cloudtrail(self):
        ct = self.client("cloudtrail")

        def mk():
            t = ct.create_trail(Name="cg-single", S3BucketName="cg-logs", S3KeyPrefix="cloudtrail",
                                IsMultiRegionTrail=False, EnableLogFileValidation=False,
                                IncludeGlobalServiceEvents=True)
            ct.start_logging(Name="cg-single")
            self.summary["cloudtrail"] = {"name": "cg-single", "arn": t["TrailARN"], "logging": True}

        self.step("cloudtrail cg-single", mk)

    # ------------------------------------------------------------------ logs
    def logs(self):
        logs = self.client("logs")
        out = {}

        def mk(name: str, days: int):
            logs.create_log_group(logGroupName=name)
            logs.put_retention_policy(logGroupName=name, retentionInDays=days)
            out[name] = days

        self.step("logs cg-short (7d)", lambda: mk("cg-short", 7))
        self.step("logs cg-long (400d)", lambda: mk("cg-long", 400))
        self.summary["logs"] = out

    # ------------------------------------------------------------------- rds
    def rds(self):
        rds = self.client("rds")
        out = {}

        def public():
            d = rds.create_db_instance(
                DBInstanceIdentifier="cg-db-public", Engine="postgres", DBInstanceClass="db.t3.micro",
                MasterUsername="cgadmin", MasterUserPassword="cgpassword123", AllocatedStorage=20,
                StorageEncrypted=False, PubliclyAccessible=True, BackupRetentionPeriod=1,
                DeletionProtection=False,
            )["DBInstance"]
            out["cg-db-public"] = d["DBInstanceArn"]

        def private():
            kw = {}
            if self.kms_arn:
                kw["KmsKeyId"] = self.kms_arn
            d = rds.create_db_instance(
                DBInstanceIdentifier="cg-db-private", Engine="postgres", DBInstanceClass="db.t3.micro",
                MasterUsername="cgadmin", MasterUserPassword="cgpassword123", AllocatedStorage=20,
                StorageEncrypted=True, PubliclyAccessible=False, BackupRetentionPeriod=7,
                DeletionProtection=True, EnableIAMDatabaseAuthentication=True,
                EnableCloudwatchLogsExports=["postgresql"], **kw,
            )["DBInstance"]
            out["cg-db-private"] = d["DBInstanceArn"]

        def cluster():
            c = rds.create_db_cluster(
                DBClusterIdentifier="cg-aurora", Engine="aurora-postgresql",
                MasterUsername="cgadmin", MasterUserPassword="cgpassword123",
                StorageEncrypted=False, BackupRetentionPeriod=1, DeletionProtection=False,
            )["DBCluster"]
            out["cg-aurora"] = c["DBClusterArn"]

        # A Neptune cluster: DescribeDBClusters lists it among the RDS
        # clusters. Encrypted (moto reports a key for it) and exporting its
        # audit log, but one day of backups, no deletion protection, no IAM
        # authentication.
        def neptune():
            c = self.client("neptune").create_db_cluster(
                DBClusterIdentifier="cg-neptune", Engine="neptune", StorageEncrypted=True,
                EnableCloudwatchLogsExports=["audit"], BackupRetentionPeriod=1,
                DeletionProtection=False,
            )["DBCluster"]
            out["cg-neptune"] = c["DBClusterArn"]

        self.step("rds cg-db-public", public)
        self.step("rds cg-db-private", private)
        self.step("rds cluster cg-aurora", cluster)
        self.step("neptune cluster cg-neptune", neptune)
        self.summary["rds"] = out

    # ----------------------------------------------------------------- elbv2
    def elbv2(self):
        ec2s = self.summary.get("ec2", {})
        if "subnets" not in ec2s:
            self.summary["skipped"].append({"step": "elbv2", "reason": "no subnets"})
            return
        elb = self.client("elbv2")
        out = {}

        def alb():
            lb = elb.create_load_balancer(
                Name="cg-alb", Subnets=ec2s["subnets"], SecurityGroups=[ec2s.get("sg_open")] if ec2s.get("sg_open") else [],
                Scheme="internet-facing", Type="application", IpAddressType="ipv4",
            )["LoadBalancers"][0]
            out["alb_arn"] = lb["LoadBalancerArn"]
            tg = elb.create_target_group(Name="cg-tg", Protocol="HTTP", Port=80,
                                         VpcId=ec2s["vpc_noflow"], TargetType="instance")["TargetGroups"][0]
            out["target_group_arn"] = tg["TargetGroupArn"]
            l80 = elb.create_listener(
                LoadBalancerArn=lb["LoadBalancerArn"], Protocol="HTTP", Port=80,
                DefaultActions=[{"Type": "forward", "TargetGroupArn": tg["TargetGroupArn"]}],
            )["Listeners"][0]
            out["http_listener_arn"] = l80["ListenerArn"]

        self.step("elbv2 cg-alb + HTTP:80 forward", alb)

        def https():
            acm = self.client("acm")
            cert = acm.request_certificate(DomainName="cg.example.com", ValidationMethod="DNS")["CertificateArn"]
            out["certificate_arn"] = cert
            l443 = elb.create_listener(
                LoadBalancerArn=out["alb_arn"], Protocol="HTTPS", Port=443,
                SslPolicy="ELBSecurityPolicy-TLS13-1-2-2021-06",
                Certificates=[{"CertificateArn": cert}],
                DefaultActions=[{"Type": "forward", "TargetGroupArn": out["target_group_arn"]}],
            )["Listeners"][0]
            out["https_listener_arn"] = l443["ListenerArn"]

        if "alb_arn" in out:
            self.step("elbv2 HTTPS:443 listener (ACM cert)", https)
        self.summary["elbv2"] = out

    # -------------------------------------------------------------- dynamodb
    def dynamodb(self):
        ddb = self.client("dynamodb")
        out = {}

        def mk(name: str, sse: dict | None):
            kw = {"SSESpecification": sse} if sse else {}
            t = ddb.create_table(
                TableName=name, BillingMode="PAY_PER_REQUEST",
                AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}], **kw,
            )["TableDescription"]
            out[name] = t["TableArn"]

        self.step("dynamodb cg-plain", lambda: mk("cg-plain", None))
        sse = {"Enabled": True, "SSEType": "KMS"}
        if self.kms_arn:
            sse["KMSMasterKeyId"] = self.kms_arn
        self.step("dynamodb cg-kms", lambda: mk("cg-kms", sse))
        self.summary["dynamodb"] = out

    # --------------------------------------------------------------- sns/sqs
    def sns_sqs(self):
        sns, sqs = self.client("sns"), self.client("sqs")
        out = {}

        def topic():
            out["topic_plain"] = sns.create_topic(Name="cg-topic")["TopicArn"]

        def q_plain():
            out["queue_plain"] = sqs.create_queue(
                QueueName="cg-queue-plain", Attributes={"SqsManagedSseEnabled": "false"})["QueueUrl"]

        def q_kms():
            out["queue_kms"] = sqs.create_queue(
                QueueName="cg-queue-kms",
                # moto defaults SqsManagedSseEnabled to "true" even with a CMK;
                # AWS reports "false" for a KMS queue, so say so explicitly.
                Attributes={"KmsMasterKeyId": self.kms_arn or "alias/aws/sqs",
                            "SqsManagedSseEnabled": "false",
                            "KmsDataKeyReusePeriodSeconds": "300"})["QueueUrl"]

        self.step("sns cg-topic", topic)
        self.step("sqs cg-queue-plain", q_plain)
        self.step("sqs cg-queue-kms", q_kms)
        self.summary["sns_sqs"] = out

    # ---------------------------------------------------------------- lambda
    def awslambda(self):
        role = self.summary.get("iam", {}).get("roles", {}).get("cg-lambda")
        if not role:
            self.summary["skipped"].append({"step": "lambda", "reason": "no cg-lambda role"})
            return
        lam = self.client("lambda")

        def mk():
            buf = io.BytesIO()
            with zipfile.ZipFile(buf, "w") as z:
                z.writestr("lambda_function.py", "def handler(event, context):\n    return 'ok'\n")
            f = lam.create_function(
                FunctionName="cg-fn", Runtime="python3.12", Role=role,
                Handler="lambda_function.handler", Code={"ZipFile": buf.getvalue()},
                Environment={"Variables": {"DB_PASSWORD": "hunter2", "LOG_LEVEL": "debug"}},
                Publish=False,
            )
            self.summary["lambda"] = {"name": "cg-fn", "arn": f["FunctionArn"]}

        self.step("lambda cg-fn", mk)

    # --------------------------------------------------------- misc services
    def misc(self):
        ec2s = self.summary.get("ec2", {})

        def eks():
            role = self.summary["iam"]["roles"]["cg-eks"]
            c = self.client("eks").create_cluster(
                name="cg-eks", roleArn=role, version="1.31",  # moto's default is 1.19
                resourcesVpcConfig={"subnetIds": ec2s.get("subnets", []),
                                    "endpointPublicAccess": True, "endpointPrivateAccess": False,
                                    "publicAccessCidrs": ["0.0.0.0/0"]},
            )["cluster"]
            self.summary["eks"] = {"name": "cg-eks", "arn": c["arn"]}

        def ecr():
            r = self.client("ecr").create_repository(
                repositoryName="cg-repo", imageTagMutability="MUTABLE",
                imageScanningConfiguration={"scanOnPush": False},
            )["repository"]
            self.summary["ecr"] = {"name": "cg-repo", "arn": r["repositoryArn"]}

        def guardduty():
            d = self.client("guardduty").create_detector(Enable=False)["DetectorId"]
            self.summary["guardduty"] = {"detector_id": d, "enabled": False}

        def config():
            role = self.summary["iam"]["roles"]["cg-ec2"]
            self.client("config").put_configuration_recorder(ConfigurationRecorder={
                "name": "default", "roleARN": role,
                "recordingGroup": {"allSupported": True, "includeGlobalResourceTypes": True},
            })
            self.summary["config"] = {"recorder": "default", "started": False}

        def secret():
            s = self.client("secretsmanager").create_secret(Name="cg-secret", SecretString="hunter2")
            self.summary["secretsmanager"] = {"name": "cg-secret", "arn": s["ARN"], "rotation": False}

        self.step("eks cg-eks", eks)
        self.step("ecr cg-repo", ecr)
        self.step("guardduty detector (disabled)", guardduty)
        self.step("config recorder (not started)", config)
        self.step("secretsmanager cg-secret", secret)

    def moto_api(self, path: str, body: bytes = b"") -> dict:
        # Must not be form-encoded: reset-auth reads the raw body
        # (request.data), which Flask leaves empty for
        # application/x-www-form-urlencoded.
        req = urllib.request.Request(
            f"{self.endpoint}/moto-api/{path}", data=body, method="POST",
            headers={"Content-Type": "text/plain"},
        )
        with urllib.request.urlopen(req, timeout=10) as r:
            return json.loads(r.read() or b"{}")

    def reset(self):
        """Wipe all moto state and switch IAM enforcement off ("inf")."""
        self.moto_api("reset")
        self.moto_api("reset-auth", b"inf")

    def enable_auth(self):
        res = self.step(
            "moto-api reset-auth 0 (enable IAM enforcement)",
            lambda: self.moto_api("reset-auth", b"0"),
        )
        self.summary["auth_enforced"] = res is not None

    def run(self, deny_kms: bool, enable_auth: bool, reset: bool):
        self.account = "123456789012"
        self.kms_arn = None
        if reset:
            self.reset()  # no step(): seeding a dirty server is pointless
        self.step("sts get_caller_identity", self.sts)
        self.kms()
        self.s3()
        self.ec2()
        self.iam()
        if deny_kms:
            self.deny_kms_user()
        self.cloudtrail()
        self.logs()
        self.rds()
        self.elbv2()
        self.dynamodb()
        self.sns_sqs()
        self.awslambda()
        self.misc()
        if enable_auth:
            self.enable_auth()
        return self.summary


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--endpoint-url", required=True, help="moto server, e.g. http://127.0.0.1:5000")
    ap.add_argument("--region", default="eu-west-2")
    ap.add_argument("--deny-kms", action="store_true",
                    help="also create user cg-deny-kms (Allow *, Deny kms:*) with an access key")
    ap.add_argument("--enable-auth", action="store_true",
                    help="after seeding, make moto enforce IAM on all further requests")
    ap.add_argument("--reset", action="store_true",
                    help="first wipe the server (POST /moto-api/reset) and turn IAM enforcement off")
    args = ap.parse_args()
    summary = Seeder(args.endpoint_url, args.region).run(args.deny_kms, args.enable_auth, args.reset)
    json.dump(summary, sys.stdout, indent=2, sort_keys=True)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
