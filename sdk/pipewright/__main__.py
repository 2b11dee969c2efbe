"""`python -m pipewright ...` is the `pipewright` command."""

from pipewright.cli import main

main()
