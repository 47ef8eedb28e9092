"""Work among the masses: fields (workplaces, institutions, schools, localities, villages), their
parts, contacts and ties, assessments on a per-organization scale, structure tests, activities
(with sealed notes and outcomes), the pulse of a field and the mass organizations present in it.

Access follows the unit that works a field. A field and its parts are *structure*: every unit
above sees them and their aggregates. Everything about people (contact profiles, ties,
assessments, participation, activities, mood notes) is a *record* of that unit.

One module per responsibility; every model is importable from here, as before.
"""

from fieldwork.models.activities import Activity
from fieldwork.models.assessment import Assessment, AssessmentLevel
from fieldwork.models.common import PRIORITY_MAX, _default_stale_days, _not_in_future
from fieldwork.models.configuration import FieldworkSettings
from fieldwork.models.contacts import ContactProfile, Tie
from fieldwork.models.fields import Field, FieldManager, FieldPart, FieldQuerySet
from fieldwork.models.lists import SavedList
from fieldwork.models.mass import MassOrganization, UnionPresence
from fieldwork.models.pulse import Demand, DemandRaised, MoodReading, Struggle
from fieldwork.models.structure import Participation, StructureTest

__all__ = [
    "PRIORITY_MAX", "Activity", "Assessment", "AssessmentLevel", "ContactProfile", "Demand",
    "DemandRaised", "Field", "FieldManager", "FieldPart", "FieldQuerySet", "FieldworkSettings",
    "MassOrganization", "MoodReading", "Participation", "SavedList", "StructureTest", "Struggle",
    "Tie", "UnionPresence", "_default_stale_days", "_not_in_future",
]
