"""`python -m renkei.cli`: the same as the `renkei` command."""

from renkei.cli.fast_path import main

main()
