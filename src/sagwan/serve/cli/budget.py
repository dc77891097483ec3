"""`--time-budget SECONDS`, shared by `extract` and `ingest`: the time one document may take (sagwan.budget)."""

from __future__ import annotations

import os

import click

from sagwan.budget import DEFAULT_SECONDS, ENV

time_budget_option = click.option(
    "--time-budget", type=click.FloatRange(min=0), default=None, metavar="SECONDS",
    help=f"A document that takes longer fails with that reason and the batch goes on "
         f"(default {DEFAULT_SECONDS:g}, or ${ENV['seconds']}; 0: no limit).")


def set_time_budget(seconds: float | None) -> None:
    """Through the environment, so that local Dask workers, started after this, keep the same budget."""
    if seconds is not None:
        os.environ[ENV["seconds"]] = repr(seconds)
