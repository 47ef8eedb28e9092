"""The organs of an organization: their meetings, motions and decisions, and the
organization's own resolutions (issue #11, points 1-3).

An organ is any ``organizations.Unit`` (a congress, a central committee, a cell); its members
are the unit's ``people.Person`` rows of kind member, and only those of status member vote.
Everything here is the organ's record (``RECORD`` on the unit), except the published copy of
a resolution, a public fact of the organization's profile (``ORGANIZATION``).
"""

from organs.models.decisions import Decision
from organs.models.meetings import AgendaItem, Attendance, Meeting, OrganRules
from organs.models.motions import Motion, NamedVote
from organs.models.resolutions import (
    PublishedPoint,
    PublishedResolution,
    Resolution,
    ResolutionPoint,
)

__all__ = ["AgendaItem", "Attendance", "Decision", "Meeting", "Motion", "NamedVote",
           "OrganRules", "PublishedPoint", "PublishedResolution", "Resolution",
           "ResolutionPoint"]
