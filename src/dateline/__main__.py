"""``python -m dateline``: the same command line as the ``dateline`` script."""

from dateline.cli import run

if __name__ == "__main__":
    run()
