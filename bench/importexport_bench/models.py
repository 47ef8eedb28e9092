from django.db import models


class PlainContact(models.Model):
    """The columns of bench/import_contacts.py's CSV, stored as they come (no sealing)."""

    alias = models.CharField(max_length=100)
    part = models.CharField(max_length=100, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    email = models.CharField(max_length=200, blank=True)
    legal_name = models.CharField(max_length=200, blank=True)
    assessment = models.IntegerField(null=True)

    class Meta:
        app_label = "importexport_bench"
        db_table = "bench_plain_contact"

    def __str__(self) -> str:
        return self.alias
