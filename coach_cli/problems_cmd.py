"""``coach problems list|show|validate|import``."""

from __future__ import annotations

import typer

app = typer.Typer(help="Browse, validate and import problems.", no_args_is_help=True)
