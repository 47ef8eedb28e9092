"""Open follow-ups of existing activities become tasks (tasks.follow_ups keeps new ones in
step): the owner is the activity's only member, the contact its only contact, when they are
the unit's."""

import uuid

from django.db import migrations


def forward(apps, schema_editor):
    Activity = apps.get_model("fieldwork", "Activity")
    Task = apps.get_model("tasks", "Task")
    open_follow_ups = (Activity.objects.filter(follow_up_on__isnull=False, follow_up_done=False)
                       .exclude(follow_up_task__isnull=False)
                       .prefetch_related("members", "contacts"))
    batch = []
    for activity in open_follow_ups.iterator(chunk_size=500):
        members = [p for p in activity.members.all() if p.unit_id == activity.unit_id
                   and p.kind == "member"]
        contacts = [p for p in activity.contacts.all() if p.unit_id == activity.unit_id
                    and p.kind == "contact"]
        batch.append(Task(
            uid=uuid.uuid4(), unit_id=activity.unit_id, kind="follow_up", title="",
            due_on=activity.follow_up_on, source_activity_id=activity.pk,
            field_id=activity.field_id, state="open", created_by_id=activity.created_by_id,
            owner_id=members[0].pk if len(members) == 1 else None,
            contact_id=contacts[0].pk if len(contacts) == 1 else None))
        if len(batch) >= 500:
            Task.objects.bulk_create(batch)
            batch = []
    Task.objects.bulk_create(batch)


def backward(apps, schema_editor):
    apps.get_model("tasks", "Task").objects.filter(kind="follow_up").delete()


class Migration(migrations.Migration):
    dependencies = [("tasks", "0001_tasks_assignments_notifications"),
                    ("fieldwork", "0008_contact_last_contact")]

    operations = [migrations.RunPython(forward, backward)]
