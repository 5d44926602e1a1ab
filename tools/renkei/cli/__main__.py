"""`python -m renkei.cli`: the same as the `renkei` command."""

from renkei.cli import main

main()
