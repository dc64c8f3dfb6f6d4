"""Subcommands of the `desk` command line; each module adds its parser and runs it."""
