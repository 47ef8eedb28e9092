"""API output and input of ballots. A box shows its turnout, and its count only once
closed; casting and the tellers' entries go to the actions (never ``Model.save``)."""

from __future__ import annotations

import dataclasses
from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from access.api import RecordSerializer, RestrictedRelatedField, action_errors
from ballots import paper
from ballots.actions import turnout
from ballots.models import BallotBox, PaperCount
from ballots.results import count_box
from organizations.models import Unit


class BallotBoxSerializer(RecordSerializer):
    unit = RestrictedRelatedField(model=Unit, read_only=True)
    # Plain text: organs' motions name the same choices "majority" (one enum, one name).
    rule = serializers.CharField(read_only=True, help_text="simple, absolute or two_thirds.")
    turnout = serializers.SerializerMethodField()
    electorate_size = serializers.SerializerMethodField()
    count = serializers.SerializerMethodField()

    class Meta:
        model = BallotBox
        fields = ["uid", "version", "unit", "label", "method", "kind", "options", "seats",
                  "max_marks", "rule", "status", "closes_at", "closed_at", "paper_voters",
                  "turnout", "electorate_size", "count"]
        read_only_fields = fields

    def get_turnout(self, box: BallotBox) -> int:
        return turnout(box)

    def get_electorate_size(self, box: BallotBox) -> int:
        return len(box.electorate)

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_count(self, box: BallotBox) -> dict[str, Any] | None:
        """None while open; the method's count (STV: its rounds) once closed."""
        result = count_box(box)
        return None if result is None else dataclasses.asdict(result.count)


class CastSerializer(serializers.Serializer[Any]):
    marks = serializers.ListField(child=serializers.CharField(max_length=100), max_length=200,
                                  allow_empty=True,
                                  help_text="Option keys: one for a yes/no ballot, the marks "
                                            "of a choice, or a ranking in order; empty is a "
                                            "blank ballot.")


class PaperCountSerializer(RecordSerializer):
    box = RestrictedRelatedField(model=BallotBox, action="change")
    ballots = serializers.CharField(write_only=True, help_text=(
        "The first teller's entry: one line per ballot, options by letter (A, B ... in the "
        "box's order) or key; '-' is a blank ballot."))

    class Meta:
        model = PaperCount
        fields = ["uid", "version", "box", "ballots", "status", "differing", "entry_a",
                  "entry_b", "created_at"]
        read_only_fields = ["status", "differing", "entry_a", "entry_b", "created_at"]

    def create(self, validated_data: dict[str, Any]) -> PaperCount:
        with action_errors():
            return paper.do_enter_first_count(acting_user=self.context["request"].user,
                                              box=validated_data["box"],
                                              text=validated_data["ballots"])


class SecondEntrySerializer(serializers.Serializer[Any]):
    ballots = serializers.CharField(help_text="The second teller's entry of the same stack.")
