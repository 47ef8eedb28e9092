"""A bench-only Django app (bench/import_contacts.py enables it in its worker processes,
never in the project's INSTALLED_APPS): a plain model of the contacts file's columns for
django-import-export's bulk mode to write."""
