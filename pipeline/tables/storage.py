"""Where the tables live: a local folder or an object-store URI (`s3://bucket/prefix`).

`TablesLocation` is the one way the pipeline names a table: `location.table_uri
("tasks")` is what delta-rs opens, with `location.storage_options`. A local
folder keeps working exactly as before (plain paths, no options); for a URI the
options come from the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
AWS_SESSION_TOKEN, AWS_REGION, AWS_ENDPOINT_URL, AWS_ALLOW_HTTP, ...), passed
explicitly so that every read and write sees the same ones.

Commits on S3 are safe with several writers only when the store honours
conditional puts (`If-None-Match: *`): delta-rs writes each commit file
`_delta_log/<version>.json` with it, and a writer that loses the race retries
on the next version (`pipeline.publish` retries conflicting merges). AWS S3,
MinIO and moto do; see docs/deploy.md.
"""
from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

# `s3://bucket/prefix`, `gs://...`, `az://...`, `file:///tmp/x`: a scheme of two or more letters
# (one letter is a Windows drive, `C:/data`)
URI_SCHEME = re.compile(r"^(?P<scheme>[a-zA-Z][a-zA-Z0-9+.-]+)://")

# environment variables passed to delta-rs as storage options (lower-cased, prefix kept)
STORAGE_ENV_PREFIXES = ("AWS_", "GOOGLE_", "AZURE_")
# never storage options although they start like one
NOT_STORAGE_ENV = frozenset({"AWS_PROFILE", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE",
                             "AWS_DEFAULT_OUTPUT", "AWS_PAGER"})


def storage_options_from_env(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """The object-store settings of the environment, as delta-rs storage options."""
    env = os.environ if environ is None else environ
    opts = {k.lower(): v for k, v in env.items()
            if k.startswith(STORAGE_ENV_PREFIXES) and k not in NOT_STORAGE_ENV and v}
    if "aws_default_region" in opts:
        opts.setdefault("aws_region", opts.pop("aws_default_region"))
    return opts


@dataclass(frozen=True)
class TablesLocation:
    """The root under which each table is a folder (or a prefix) named after it."""

    uri: str
    storage_options: Mapping[str, str] = field(default_factory=dict, compare=False)

    @classmethod
    def of(cls, root: "str | Path | TablesLocation") -> "TablesLocation":
        """A location from a folder, a URI or a location (options from the environment)."""
        if isinstance(root, TablesLocation):
            return root
        text = str(root)
        m = URI_SCHEME.match(text)
        if m is None:
            return cls(str(Path(text).expanduser()))
        if m.group("scheme").lower() == "file":
            return cls(str(Path(text[len("file://"):]).expanduser()))
        return cls(text.rstrip("/"), storage_options_from_env())

    @property
    def is_local(self) -> bool:
        return URI_SCHEME.match(self.uri) is None

    @property
    def local_path(self) -> Path:
        if not self.is_local:
            raise ValueError(f"{self.uri} is not a local folder")
        return Path(self.uri)

    def join(self, *parts: str) -> str:
        if self.is_local:
            return str(Path(self.uri).joinpath(*parts))
        return "/".join([self.uri, *(p.strip("/") for p in parts)])

    def table_uri(self, name: str) -> str:
        return self.join(name)

    def options(self) -> dict[str, str] | None:
        """Storage options for delta-rs (None for a local folder)."""
        return dict(self.storage_options) if not self.is_local else None

    def prepare(self, name: str) -> None:
        """Make what a new table needs: its folder locally, nothing on an object store."""
        if self.is_local:
            Path(self.table_uri(name)).mkdir(parents=True, exist_ok=True)

    def key(self) -> str:
        """A short stable name for the location (lock files kept elsewhere)."""
        return hashlib.sha256(self.uri.encode()).hexdigest()[:16]

    def __str__(self) -> str:
        return self.uri


def is_uri(root: "str | Path | TablesLocation") -> bool:
    return not TablesLocation.of(root).is_local


REPORTS_ENV = "VNPLAN_REPORTS_DIR"
REPORTS_DIR = "reports"
REVIEWS_DIR = "reviews"
PROCESSED_ENV = "VNPLAN_PROCESSED_DIR"
REPO_ROOT = Path(__file__).resolve().parents[2]


def default_processed_dir() -> str:
    """The tables folder: $VNPLAN_PROCESSED_DIR, else data/processed in the repository."""
    return os.environ.get(PROCESSED_ENV) or str(REPO_ROOT / "data" / "processed")


def reports_dir(root: "str | Path | TablesLocation") -> Path:
    """Where charts are drawn: <tables>/reports for a local folder; for an object
    store a local folder, $VNPLAN_REPORTS_DIR or data/reports (charts are files
    for people, not tables)."""
    loc = TablesLocation.of(root)
    if loc.is_local:
        return loc.local_path / REPORTS_DIR
    return Path(os.environ.get(REPORTS_ENV) or REPO_ROOT / "data" / REPORTS_DIR).expanduser()


def reviews_dir(root: "str | Path | TablesLocation") -> Path:
    """Where the review pages are written (one HTML page per document): beside
    the charts, <tables>/reviews for a local folder, else the charts' local
    parent's `reviews` (data/reviews)."""
    loc = TablesLocation.of(root)
    if loc.is_local:
        return loc.local_path / REVIEWS_DIR
    return reports_dir(root).parent / REVIEWS_DIR


# "161/KH-UBND" → "161-KH-UBND": what a file name keeps of a document number
_UNSAFE = re.compile(r"[^\w.-]+")


def review_page_name(doc_number: str | None, doc_id: str) -> str:
    """A document's review page in `reviews_dir`: `161-KH-UBND-1a2b3c4d.html`, its
    number made safe and the start of its id (the id alone without a number)."""
    stem = _UNSAFE.sub("-", doc_number or "").strip("-")
    return f"{stem}-{doc_id[:8]}.html" if stem else f"{doc_id[:16]}.html"
