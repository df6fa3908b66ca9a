"""`python -m bot` is `commune-bot`."""

from bot.cli.main import main

raise SystemExit(main())
