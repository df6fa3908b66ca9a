"""`python -m bot` is `commune-bot`."""

from bot.cli import main

raise SystemExit(main())
