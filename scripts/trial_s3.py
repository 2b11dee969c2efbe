"""An S3-compatible server for trying the distributed deployment on one machine.

It serves moto's in-memory S3 on 127.0.0.1 and makes the bucket the deployment stores its
artifacts in. Everything is lost when it stops: for real use point DESIGNER_ARTIFACTS at a
bucket of a real object store (docs/deploy.md)."""

import argparse
import logging
import signal
import threading

import boto3
from moto.server import ThreadedMotoServer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=9000)
    parser.add_argument("--bucket", default="pipewright")
    args = parser.parse_args()
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # not a line per request
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=args.port, verbose=False)
    server.start()
    boto3.client(
        "s3",
        endpoint_url=f"http://127.0.0.1:{args.port}",
        aws_access_key_id="trial",
        aws_secret_access_key="trial",
        region_name="us-east-1",
    ).create_bucket(Bucket=args.bucket)
    print(f"S3 (in memory) on http://127.0.0.1:{args.port}, bucket {args.bucket}", flush=True)
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    stop.wait()
    server.stop()


if __name__ == "__main__":
    main()
