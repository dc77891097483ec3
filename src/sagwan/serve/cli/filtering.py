"""The event filter options, the same on every command (the rules: `sagwan.store.filters`).

`filter_options()` adds them to a command; `build_filter(store, options)` checks what was written
against the store and the gazetteer and returns an EventFilter, or stops with exit 2 and a message
naming the option and its valid values.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from sagwan.store.filters import DEFAULT_EXCLUDED_STATUSES, EventFilter, FilterError, make_filter

FILTER_KEYS = ("actor", "dyad", "type", "status", "exclude_status", "all_statuses", "date_from", "date_to",
               "attributed_to", "report_dates")
_CLI_NAMES = {"date_from": "--from", "date_to": "--to", "from": "--from", "to": "--to"}
SEVERAL = "repeat the option or separate values with commas"


def cli_name(param: str) -> str:
    """The option a filter parameter is written as on the command line."""
    if param in _CLI_NAMES:
        return _CLI_NAMES[param]
    return param if param.isupper() else "--" + param.replace("_", "-")


def filter_options(*, dyad: bool = True, actor: bool = True) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Add the filter options; each lands in the command's keyword arguments under its FILTER_KEYS name."""
    default = ",".join(DEFAULT_EXCLUDED_STATUSES)
    options = []
    if actor:
        options.append(click.option("--actor", multiple=True, metavar="ACTOR",
                                    help=f"An actor taking part: id (PRK, person:kim-jong-un) or name (김정은); "
                                         f"several: any of them ({SEVERAL})."))
    if dyad:
        options.append(click.option("--dyad", default=None, metavar="A-B",
                                    help="Events between two actors, either direction: PRK-RUS, "
                                         "person:kim-jong-un-RUS."))
    options += [
        click.option("--type", multiple=True, metavar="TYPE", help=f"PLOVER event type ({SEVERAL})."),
        click.option("--status", multiple=True, metavar="STATUS",
                     help=f"Keep only these statuses ({SEVERAL}); the default exclusion then does not apply."),
        click.option("--exclude-status", multiple=True, metavar="STATUS",
                     help=f"Leave out these statuses instead of the default ({default}); {SEVERAL}."),
        click.option("--all-statuses", is_flag=True, help=f"Keep every status (default leaves out {default})."),
        click.option("--from", "date_from", default=None, metavar="DATE",
                     help="Events placed on or after YYYY, YYYY-MM or YYYY-MM-DD."),
        click.option("--to", "date_to", default=None, metavar="DATE", help="Events placed on or before this date."),
        click.option("--attributed-to", default=None, metavar="ACTOR|none",
                     help="Only events asserted by this actor; 'none' = the article's own voice."),
        click.option("--report-dates/--no-report-dates", "report_dates", default=True, show_default=True,
                     help="--no-report-dates leaves out events the text gives no date for (placed by the day "
                          "they were first reported)."),
    ]

    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        for option in reversed(options):
            func = option(func)
        return func

    return decorate


def pop_filter_args(kwargs: dict[str, Any]) -> dict[str, Any]:
    """Take the filter options out of a command's keyword arguments."""
    return {k: kwargs.pop(k) for k in FILTER_KEYS if k in kwargs}


def build_filter(store: Any, options: dict[str, Any], **extra: Any) -> EventFilter:
    """The EventFilter of the options written; a bad value stops the command with exit 2."""
    try:
        return make_filter(resolve=store.resolve_actor, **options, **extra)
    except FilterError as exc:
        raise bad_parameter(exc) from None


def bad_parameter(exc: FilterError) -> click.BadParameter:
    """Click's usage error (exit 2) with the filter's message, naming the option as written."""
    return click.BadParameter(exc.detail(), param_hint=cli_name(exc.param))


def resolve_members(store: Any, names: dict[str, str]) -> list[str]:
    """Positional actors (dyad A B, triangle A B C) as ids, with the same rules and messages as --actor."""
    try:
        return [store.resolve_actor(value, param) for param, value in names.items()]
    except FilterError as exc:
        raise bad_parameter(exc) from None
