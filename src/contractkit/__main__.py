"""Run the command line with ``python -m contractkit``."""

from contractkit.cli import main

main()
