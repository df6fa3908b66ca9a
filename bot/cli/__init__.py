"""`commune-bot`: the operator's command line (JSON Lines on stdout, messages on stderr)."""
