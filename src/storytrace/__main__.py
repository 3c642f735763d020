"""`python -m storytrace` is the `storytrace` command."""

from .cli import main

main()
