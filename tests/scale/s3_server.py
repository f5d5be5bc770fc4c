"""A moto S3 server on 127.0.0.1 (a free port) in a child process, for tests and benchmarks.

The server runs in its own process, not a thread of the caller: delta-rs holds
the GIL in some calls (`DeltaTable.is_deltatable`) while it waits for the
server's answer, so a server thread in the same interpreter would never answer.
"""
from __future__ import annotations

import contextlib
import multiprocessing
import os
from typing import Iterator

BUCKET = "vnplan-test"
START_TIMEOUT_S = 30


def _serve(conn) -> None:
    import logging
    from moto.server import ThreadedMotoServer
    logging.getLogger("werkzeug").setLevel(logging.ERROR)     # no line per request
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    conn.send(server.get_host_and_port())
    conn.recv()                      # anything (or EOF) stops it
    server.stop()


def s3_env(endpoint: str) -> dict[str, str]:
    """The environment a client of the moto server needs (fake credentials)."""
    return {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_REGION": "us-east-1", "AWS_ENDPOINT_URL": endpoint, "AWS_ALLOW_HTTP": "true"}


@contextlib.contextmanager
def moto_s3(bucket: str = BUCKET) -> Iterator[str]:
    """Start the server, create `bucket`, yield the endpoint URL; stop it on exit."""
    ctx = multiprocessing.get_context("spawn")
    parent, child = ctx.Pipe()
    proc = ctx.Process(target=_serve, args=(child,), daemon=True, name="moto-s3")
    proc.start()
    try:
        if not parent.poll(START_TIMEOUT_S):
            raise RuntimeError("moto server did not start")
        host, port = parent.recv()
        endpoint = f"http://{host}:{port}"
        import boto3
        env = s3_env(endpoint)
        boto3.client("s3", endpoint_url=endpoint, region_name=env["AWS_REGION"],
                     aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
                     aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"]
                     ).create_bucket(Bucket=bucket)
        yield endpoint
    finally:
        with contextlib.suppress(OSError):
            parent.send(None)
        proc.join(10)
        if proc.is_alive():
            proc.kill()
            proc.join(5)


@contextlib.contextmanager
def environment(values: dict[str, str]) -> Iterator[None]:
    """os.environ with `values` set for the block (restored after)."""
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
