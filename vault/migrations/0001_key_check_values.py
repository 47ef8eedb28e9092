from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies: list[tuple[str, str]] = []

    operations = [
        migrations.CreateModel(
            name='KeyCheck',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('key_id', models.CharField(max_length=32, unique=True, verbose_name='key id')),
                ('check_value', models.TextField(verbose_name='check value')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
            ],
            options={
                'verbose_name': 'identity key check value',
                'verbose_name_plural': 'identity key check values',
                'ordering': ['created_at', 'id'],
            },
        ),
    ]
