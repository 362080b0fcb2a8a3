"""A real S3 API server for the tests of MEDIA_STORAGE=s3: moto's server mode in its own process
on a free port of 127.0.0.1, spoken to over HTTP by boto3 exactly as a bucket elsewhere would be."""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import boto3
import requests

from tests.server import free_port

# Explicit fake credentials: boto3 must never look for real ones (files, instance metadata).
ACCESS_KEY_ID = "lebrq-test-key"
SECRET_ACCESS_KEY = "lebrq-test-secret"
REGION = "ap-south-1"
START_TIMEOUT_SECONDS = 30


class MotoServer:
    def __init__(self, workdir):
        self.port = free_port()
        self.endpoint_url = f"http://127.0.0.1:{self.port}"
        self.log_path = Path(workdir) / "moto.log"
        self._process = None

    def start(self):
        moto_server = Path(sys.executable).with_name("moto_server")
        self._log = open(self.log_path, "wb")
        self._process = subprocess.Popen(
            [str(moto_server), "-H", "127.0.0.1", "-p", str(self.port)],
            stdout=self._log,
            stderr=subprocess.STDOUT,
            env={**os.environ, **self.client_environment()},
        )
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"moto_server exited: {self.log_path.read_text()[-2000:]}")
            try:
                requests.get(f"{self.endpoint_url}/moto-api/", timeout=1)
                return self
            except requests.ConnectionError:
                time.sleep(0.1)  # waiting for a server to listen, not for an expiry
        self.stop()
        raise RuntimeError("moto_server did not start listening")

    def stop(self):
        if self._process is not None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
            self._log.close()
            self._process = None

    @staticmethod
    def client_environment():
        return {
            "AWS_ACCESS_KEY_ID": ACCESS_KEY_ID,
            "AWS_SECRET_ACCESS_KEY": SECRET_ACCESS_KEY,
            "AWS_DEFAULT_REGION": REGION,
            "AWS_EC2_METADATA_DISABLED": "true",
        }

    def client(self):
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            region_name=REGION,
            aws_access_key_id=ACCESS_KEY_ID,
            aws_secret_access_key=SECRET_ACCESS_KEY,
        )

    def new_bucket(self):
        name = f"lebrq-{uuid.uuid4().hex[:12]}"
        self.client().create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION})
        return name

    def app_environment(self, bucket):
        """The variables that put an app process's media in `bucket`."""
        return {
            "MEDIA_STORAGE": "s3",
            "S3_BUCKET": bucket,
            "S3_ENDPOINT_URL": self.endpoint_url,
            "S3_REGION": REGION,
            "S3_ACCESS_KEY_ID": ACCESS_KEY_ID,
            "S3_SECRET_ACCESS_KEY": SECRET_ACCESS_KEY,
            "AWS_EC2_METADATA_DISABLED": "true",
        }


def object_keys(client, bucket):
    return sorted(item["Key"] for item in client.list_objects_v2(Bucket=bucket).get("Contents", []))


def unfinished_multipart_uploads(client, bucket):
    return client.list_multipart_uploads(Bucket=bucket).get("Uploads", [])


def deny_writes(client, bucket):
    """A bucket policy that refuses every PutObject (and so every UploadPart) from now on."""
    import json

    policy = {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Deny", "Principal": "*", "Action": "s3:PutObject", "Resource": f"arn:aws:s3:::{bucket}/*"}
        ],
    }
    client.put_bucket_policy(Bucket=bucket, Policy=json.dumps(policy))
