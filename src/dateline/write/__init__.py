"""Write: put outputs on disk so that no reader ever sees half a file or half a site.

Per-article files are written all or nothing per article, feeds and the index
after them, the manifest last (:mod:`dateline.write.manifest`); the build cache
(:mod:`dateline.write.cache`) and the lock (:mod:`dateline.write.lock`) live in
``.dateline/`` in the output folder.
"""

from dateline.write.atomic import write_atomic, write_group
from dateline.write.lock import BuildLocked, build_lock
from dateline.write.manifest import MANIFEST, Manifest

__all__ = ["MANIFEST", "BuildLocked", "Manifest", "build_lock", "write_atomic", "write_group"]
