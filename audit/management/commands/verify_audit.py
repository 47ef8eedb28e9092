"""``manage.py verify_audit``: walk the audit log's hash chain and name the first row that was
edited, follows a deleted row, or is out of order (exit status 1); else print the chain's
length and head hash (exit status 0).

Write the head hash down outside the server now and then (docs/deployment.md): whoever can
rewrite the database could recompute a whole chain, but not one that ends in a hash kept
elsewhere.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from audit.chain import head_hash, verify


class Command(BaseCommand):
    help = "Verify the audit log's hash chain; name the first edited, deleted or reordered row."

    def handle(self, *args: Any, **options: Any) -> None:
        broken = verify()
        if broken is not None:
            raise CommandError(f"Audit chain broken at {broken}.", returncode=1)
        seq, hash_ = head_hash()
        self.stdout.write(f"Audit chain intact: {seq} rows, head {hash_}.")
