"""A real S3-compatible server for tests: moto's server in a process of its own, on a free port.

The store under test talks to it over HTTP exactly as it would to S3; buckets are listed and
made with boto3, the same client library the store's S3 filesystem is built on.
"""

import subprocess
import sys
import uuid
from pathlib import Path

import httpx

from tests.support.live import free_port, wait_for

# Keys the server accepts: it checks none, but the client refuses to sign without them.
CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "test-key",
    "AWS_SECRET_ACCESS_KEY": "test-secret",
    "AWS_DEFAULT_REGION": "us-east-1",
}


class S3Server:
    """`python -m moto.server` on 127.0.0.1 and a free port, started and stopped by a test."""

    def __init__(self, log_path: Path) -> None:
        self.port = free_port()
        self.endpoint_url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        self.process: subprocess.Popen | None = None

    @property
    def env(self) -> dict[str, str]:
        """What a process needs in its environment to use this server as its S3."""
        return {**CREDENTIALS, "DESIGNER_S3_ENDPOINT_URL": self.endpoint_url}

    def start(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.port)],
            stdout=self.log_path.open("ab"),
            stderr=subprocess.STDOUT,
        )
        wait_for(self._up, 30, f"the S3 server on port {self.port} (log: {self.log_path})")

    def _up(self) -> bool:
        if self.process and self.process.poll() is not None:
            raise RuntimeError(f"the S3 server exited: {self.log_path.read_text()[-3000:]}")
        try:
            return httpx.get(f"{self.endpoint_url}/moto-api/", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)

    def client(self):
        import boto3  # only tests that use the server pay for loading the AWS client

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
            region_name=CREDENTIALS["AWS_DEFAULT_REGION"],
        )

    def new_bucket(self) -> str:
        """A new, empty bucket with a name of its own."""
        name = f"test-{uuid.uuid4().hex[:12]}"
        self.client().create_bucket(Bucket=name)
        return name

    def keys(self, bucket: str, prefix: str = "") -> list[str]:
        """Every object key in the bucket under `prefix`, in order."""
        pages = (
            self.client().get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix)
        )
        return sorted(item["Key"] for page in pages for item in page.get("Contents", []))
