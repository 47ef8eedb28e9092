"""``manage.py check_catalogues``: every language complete, every template string marked for
translation (nucleus/catalogues.py); exit 1 naming each problem otherwise. Run by
scripts/test, so an incomplete catalogue fails the build."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from nucleus import catalogue_source, catalogues


class Command(BaseCommand):
    help = "Fail when a translation catalogue is incomplete or a template has unmarked text."

    def handle(self, *args: Any, **options: Any) -> None:
        found: list[str] = []
        languages = []
        for language, po in catalogues.catalogues():
            languages.append(language if po.parts[-4] == "locale" else f"{language} (Django's)")
            found += catalogues.problems(language, po)
        found += catalogue_source.missing([code for code in languages if " " not in code])
        templates = list(catalogues.project_templates())
        for template in templates:
            found += catalogues.unmarked_template_text(template)
        for problem in found:
            self.stderr.write(problem)
        if found:
            raise CommandError(f"{len(found)} translation problems")
        self.stdout.write(f"Catalogues complete: {', '.join(languages)}; "
                          f"{len(templates)} templates, no unmarked text.")
