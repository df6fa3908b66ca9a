"""Multi-step dialogues (register, member edits, broadcast, deadline, done; the requests' are in
bot/requests) as state machines under one contract."""
