"""Validate: rules beyond what a single model can check, reported as findings.

Errors stop an article from being published; warnings are reported and the
article is published anyway.
"""

from dateline.validate.graph import validate_graph

__all__ = ["validate_graph"]
