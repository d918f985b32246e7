"""``python -m mapper``: the command-line interface."""

from mapper.cli import main

raise SystemExit(main())
