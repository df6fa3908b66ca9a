"""Every Vietnamese sentence the bot says, and the per-channel renderers (the bot's one voice).

`texts.X` is the flat namespace flows use for the shared sentences (rendering helpers, the
dialogue contract, teams, campaign, coordination). Areas with many sentences of their own have
their own module, imported by name: `texts.ask` (follow-ups, look-ups), `texts.requests`
(support requests), `texts.report_document` (the official report and the digest).
"""

from bot.texts.campaign import *  # noqa: F403
from bot.texts.common import *  # noqa: F403
from bot.texts.coordination import *  # noqa: F403
from bot.texts.render import *  # noqa: F403
from bot.texts.teams import *  # noqa: F403
