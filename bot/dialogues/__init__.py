"""Multi-step dialogues (register, member edits, broadcast, deadline, done) under one contract."""
