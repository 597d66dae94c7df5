"""Readers for public corpora that other people annotated, one module per format.

Each reader takes a path on this machine (the corpora are never committed: see
``/work/EVAL.md`` and README's evaluation section for where they come from and
their licences) and returns plain dataclasses with character offsets into a text
that the reader rebuilds from the corpus' tokens. Scoring lives in
:mod:`bench.corpora.score`; running dateline on the text in :mod:`bench.corpora.run`.
"""
