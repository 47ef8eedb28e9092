"""Every write of the organs app: one module per responsibility, re-exported here.

Callers load what they pass through the access layer; the actions check what the records
must be and refuse with a message, nothing written. Each runs in one transaction and leaves
audit rows."""

from organs.actions.decisions import do_record_decision

__all__ = ["do_record_decision"]
