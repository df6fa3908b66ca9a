"""Nudges: who is reminded of which deadline, when, and how it gets queued.

- `campaign`: the tasks and deadlines (data/campaign.yaml), the policy settings, typed dates;
- `policy`: pure: a snapshot and a clock in, the nudges due out;
- `snapshot`: the policy's snapshot read from the database (data, not sentences);
- `schedule`: plans, queues through the outbox under idempotency keys, arms the next run.

The words of a nudge are `bot.texts.nudges`; who is reached on which account, `bot.recipients`.
"""
