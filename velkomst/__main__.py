"""`python -m velkomst <command>`: Django's management commands (e.g. `python -m velkomst demo`)."""

import os
import sys

from django.core.management import execute_from_command_line


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "velkomst.settings")
    execute_from_command_line([sys.argv[0], *sys.argv[1:]])


if __name__ == "__main__":
    main()
