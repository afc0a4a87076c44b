"""The ``coach`` command line: a thin typer front end over ``coach_engine`` and ``sandbox``."""
