"""``python -m dateline``: the same command line as the ``dateline`` script."""

from dateline.cli import main

if __name__ == "__main__":
    main(prog_name="dateline")
