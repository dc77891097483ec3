"""The `sagwan` command: a thin skin over the Python API.

Commands live one group per module and load lazily, so `sagwan extract` never imports the web
stack. Add a command by adding a line to COMMANDS.
"""

from __future__ import annotations

import importlib
import logging
import sys

import click

from sagwan._version import __version__
from sagwan.errors import SagwanError

COMMANDS = {
    "demo": "sagwan.serve.cli.demo:demo_cmd",
    "extract": "sagwan.serve.cli.extract:extract_cmd",
    "ingest": "sagwan.serve.cli.store_cmds:ingest_cmd",
    "db": "sagwan.serve.cli.store_cmds:db_cmd",
    "events": "sagwan.serve.cli.store_cmds:events_cmd",
    "quotes": "sagwan.serve.cli.store_cmds:quotes_cmd",
    "show": "sagwan.serve.cli.store_cmds:show_cmd",
    "actors": "sagwan.serve.cli.store_cmds:actors_cmd",
    "export": "sagwan.serve.cli.store_cmds:export_cmd",
    "dyad": "sagwan.serve.cli.relations:dyad_cmd",
    "triangle": "sagwan.serve.cli.relations:triangle_cmd",
    "network": "sagwan.serve.cli.relations:network_cmd",
    "report": "sagwan.serve.cli.relations:report_cmd",
    "serve": "sagwan.serve.cli.relations:serve_cmd",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx):
        return sorted(COMMANDS)

    def get_command(self, ctx, name):
        if name not in COMMANDS:
            return None
        module, attr = COMMANDS[name].split(":")
        return getattr(importlib.import_module(module), attr)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sagwan")
@click.option("-v", "--verbose", count=True, help="Log more (-v info, -vv debug) to stderr.")
def cli(verbose: int) -> None:
    """sagwan: who did what to whom, when, and according to whom — from Korean news."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


def main() -> None:
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("sagwan: aborted", err=True)
        sys.exit(130)
    except SagwanError as exc:
        click.echo(f"sagwan: {exc}", err=True)
        sys.exit(2)
    except BrokenPipeError:
        sys.exit(0)
