"""API output of elections, nominations and office terms (read only: elections are run on
the pages, through the actions). Relations are named by uid (``RecordSerializer``); the
count of an election is shown once it is published, or to whoever runs it."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from access.api import RecordSerializer
from elections.actions import may_change
from elections.models import Election, Nomination, OfficeTerm


class ElectionSerializer(RecordSerializer):
    result = serializers.SerializerMethodField()

    class Meta:
        model = Election
        fields = ["uid", "version", "unit", "seat_unit", "kind", "title", "seats", "method",
                  "sole_candidate_rule", "role_kind", "nominations_close", "held_on",
                  "status", "outcome", "result", "called_by", "congress", "note",
                  "created_at", "updated_at"]
        read_only_fields = fields

    def get_result(self, election: Election) -> dict[str, Any] | None:
        user = self.context["request"].user
        if election.status == Election.Status.PUBLISHED or may_change(user, election):
            return election.result or None
        return None


class NominationSerializer(RecordSerializer):
    class Meta:
        model = Nomination
        fields = ["uid", "version", "election", "candidate", "delegate", "public_name",
                  "nominated_by", "nominated_by_delegate", "self_nominated", "status",
                  "accepted_on", "withdrawn_on", "in_favour_of", "created_at"]
        read_only_fields = fields


class OfficeTermSerializer(RecordSerializer):
    class Meta:
        model = OfficeTerm
        fields = ["uid", "version", "election", "unit", "title", "holder", "delegate",
                  "public_name", "since", "until"]
        read_only_fields = fields
