"""The audit log becomes a hash chain: every existing row gets its position (in id order, the
order it was written in), the previous row's hash and its own; the chain head is created.
Rows are never changed again, so the actor and unit keys lose their database constraints
(a deleted user or unit would otherwise rewrite them: SET NULL is an UPDATE)."""

import datetime
import hashlib
import json

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import migrations, models

GENESIS = "0" * 64


def _digest_v1(row, seq, prev_hash):
    # A frozen copy of audit.chain.canonical as of this migration: the code may move on,
    # the hashes written here may not.
    at = row.at.astimezone(datetime.UTC).isoformat(timespec="microseconds")
    body = ["nucleus-audit-v1", seq, at, row.actor_id, row.action, row.model, row.object_id,
            row.unit_id, row.fields, row.changes, row.detail, prev_hash]
    return hashlib.sha256(json.dumps(body, cls=DjangoJSONEncoder, sort_keys=True,
                                     ensure_ascii=False, separators=(",", ":")).encode()
                          ).hexdigest()


def chain_existing_rows(apps, schema_editor):
    AuditEvent = apps.get_model("audit", "AuditEvent")
    AuditChainHead = apps.get_model("audit", "AuditChainHead")
    prev_hash, seq, batch = GENESIS, 0, []
    for row in AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
        seq += 1
        row.seq, row.prev_hash = seq, prev_hash
        row.hash = prev_hash = _digest_v1(row, seq, prev_hash)
        batch.append(row)
        if len(batch) >= 2000:
            AuditEvent.objects.bulk_update(batch, ["seq", "prev_hash", "hash"])
            batch = []
    if batch:
        AuditEvent.objects.bulk_update(batch, ["seq", "prev_hash", "hash"])
    AuditChainHead.objects.update_or_create(pk=1, defaults={"seq": seq, "hash": prev_hash})


class Migration(migrations.Migration):

    dependencies = [
        ('audit', '0003_tombstones_and_values'),
        ('organizations', '0002_translated_labels'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='AuditChainHead',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('seq', models.BigIntegerField(default=0)),
                ('hash', models.CharField(default=GENESIS, max_length=64)),
            ],
            options={
                'verbose_name': 'audit chain head',
                'verbose_name_plural': 'audit chain heads',
            },
        ),
        migrations.AddField(
            model_name='auditevent',
            name='seq',
            field=models.BigIntegerField(editable=False, null=True, verbose_name='position'),
        ),
        migrations.AddField(
            model_name='auditevent',
            name='prev_hash',
            field=models.CharField(default='', editable=False, max_length=64, verbose_name='previous hash'),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='auditevent',
            name='hash',
            field=models.CharField(default='', editable=False, max_length=64, verbose_name='hash'),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='auditevent',
            name='detail',
            field=models.JSONField(blank=True, default=dict, verbose_name='detail'),
        ),
        migrations.AlterField(
            model_name='auditevent',
            name='at',
            field=models.DateTimeField(db_index=True, default=django.utils.timezone.now, editable=False, verbose_name='at'),
        ),
        migrations.AlterField(
            model_name='auditevent',
            name='action',
            field=models.CharField(choices=[('create', 'Created'), ('update', 'Changed'), ('delete', 'Deleted'), ('reveal', 'Identity revealed'), ('move', 'Moved'), ('merge', 'Merged with a duplicate'), ('login', 'Logged in'), ('logout', 'Logged out'), ('login_failed', 'Failed login'), ('lockout', 'Locked out'), ('freeze', 'Account frozen'), ('unfreeze', 'Account unfrozen'), ('key', 'Key operation'), ('security', 'Security event')], max_length=20, verbose_name='action'),
        ),
        migrations.AlterField(
            model_name='auditevent',
            name='actor',
            field=models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='by'),
        ),
        migrations.AlterField(
            model_name='auditevent',
            name='unit',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='organizations.unit', verbose_name='unit'),
        ),
        migrations.RunPython(chain_existing_rows, migrations.RunPython.noop, elidable=False),
        migrations.AlterField(
            model_name='auditevent',
            name='seq',
            field=models.BigIntegerField(editable=False, unique=True, verbose_name='position'),
        ),
    ]
