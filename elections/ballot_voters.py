"""Delegates vote as their credentials: ``ballots`` finds modules named ``ballot_voters``
and expects them to register their providers; congresses' module names its provider
(``voter_keys``) without registering it, so it is registered here (registering twice is a
no-op, so this stays harmless once congresses registers it itself)."""

from ballots.electorate import register
from congresses.ballot_voters import voter_keys

register(voter_keys)
