"""Write: put rendered outputs on disk so that no reader ever sees half a file."""

from dateline.write.atomic import write_atomic, write_outputs

__all__ = ["write_atomic", "write_outputs"]
