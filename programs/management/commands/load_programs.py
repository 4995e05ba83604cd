"""Check every program file and store what it holds: `manage.py load_programs [FILE …]`."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from programs.content import ContentError, program_files
from programs.models import Program


class Command(BaseCommand):
    help = "Validate program content files and load them (all of programs/content/ by default)."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", type=Path, help="program files to load")

    def handle(self, *args, files, **options):
        problems = []
        for path in files or program_files():
            try:
                program = Program.objects.load(path)
            except ContentError as error:
                problems.append(str(error))
            except OSError as error:
                problems.append(f"{path.name}: cannot be read ({error.strerror})")
            else:
                self.stdout.write(f"Loaded {path.name}: {program.title}")
        if problems:
            raise CommandError("Program content has problems:\n" + "\n".join(problems))
