"""Rebuilding readable text from a corpus' tokens, keeping each token's offsets.

Corpora store tokens (``Japan``, ``'s``, ``,``); dateline reads prose. The text is
what a reader would see, so a model trained on prose sees prose, and each token
keeps its character span so that annotations can be compared with what dateline
finds in that text.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["detokenize"]

_NO_SPACE_BEFORE = frozenset(
    {
        ",",
        ".",
        ":",
        ";",
        "!",
        "?",
        ")",
        "]",
        "}",
        "%",
        "'s",
        "'S",
        "n't",
        "'re",
        "'ve",
        "'ll",
        "'d",
        "'m",
        "...",
        "''",
    }
)
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "``", "#"})


def detokenize(tokens: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """The text of ``tokens`` and each token's ``(start, end)`` in it.

    Straight double quotes open and close in turn; an opening quote sticks to the
    next token and a closing one to the previous.
    """
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    glue_next = True  # no space before the first token
    quote_open = False
    for token in tokens:
        glue = glue_next or token in _NO_SPACE_BEFORE
        glue_next = token in _NO_SPACE_AFTER
        if token == '"':
            if quote_open:
                glue = True
            else:
                glue_next = True
            quote_open = not quote_open
        if not glue:
            parts.append(" ")
            length += 1
        spans.append((length, length + len(token)))
        parts.append(token)
        length += len(token)
    return "".join(parts), spans
