#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nucleus.settings")
    import django
    from django.core.management import execute_from_command_line

    django.setup()
    from access import dbwall

    # Commands are run by the install's administrator: behind the database wall (PostgreSQL
    # with two roles) they act with the system scope unless they set a user's.
    dbwall.set_process_default(dbwall.sign(dbwall.SYSTEM_PAYLOAD))
    execute_from_command_line(sys.argv)
