"""The opening every benchmark script shares: its command line, then Django in a throwaway
test database (in-process benchmarks) or a scratch database with the demo data scaled up (the
benchmarks that serve the site with gunicorn).

A script is run as `python bench/<script>.py`: bench/ is on sys.path, so `import common` finds
this package (base.in_process_settings puts the repository root there too, for Django).
"""

from __future__ import annotations

import argparse
import contextlib
from typing import Any, NamedTuple

from .base import in_process_settings, throwaway_database
from .databases import prepare_database, scratch_database


def option(default: Any = None, help: str = "", positional: bool = False, **kwargs) -> dict:
    """An option that its default's type does not describe: a help text, a `type`, `choices`;
    positional: an argument without `--`."""
    return {"default": default, "help": help, "positional": positional, **kwargs}


def options(doc: str, **spec) -> argparse.Namespace:
    """The script's command line, its description the docstring's first line: one `--name`
    per keyword (underscores become dashes), typed by its default (False: a flag; a list: any
    number of its items' type), or an option(...)."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    for name, value in spec.items():
        if isinstance(value, dict):
            kwargs = dict(value)
        elif value is False:
            kwargs = {"default": False, "action": "store_true"}
        elif isinstance(value, list):
            kwargs = {"default": value, "type": type(value[0]), "nargs": "*"}
        else:
            kwargs = {"default": value, "type": type(value)}
        flag = name if kwargs.pop("positional", False) else "--" + name.replace("_", "-")
        parser.add_argument(flag, **kwargs)
    return parser.parse_args()


@contextlib.contextmanager
def in_process(label: str, doc: str, **spec):
    """Parse the command line, then run the body with Django set up (production-like settings)
    in its own test database `test_bench_<label>_<pid>`, dropped afterwards; yields the
    options."""
    args = options(doc, **spec)
    in_process_settings()
    with throwaway_database(label):
        yield args


class Served(NamedTuple):
    url: str  # DATABASE_URL of the scratch database
    cluster: Any  # the Cluster this run started (it may restart it), or None
    seeded: dict  # what the seeder reports: members, comments


@contextlib.contextmanager
def served_database(label: str, *, members: int, comments: int, own_cluster: bool = False):
    """A scratch database `bench_<label>_<pid>` (own_cluster: in a PostgreSQL this run starts),
    migrated, with the demo data scaled to `members` and `comments`; dropped afterwards."""
    with scratch_database(label, own_cluster=own_cluster) as (url, cluster):
        yield Served(url, cluster, prepare_database(url, members=members, comments=comments))
