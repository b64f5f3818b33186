"""``python -m cleaner``: the ``clean`` command."""

from .cli import main

raise SystemExit(main())
