"""What turns a job into bytes, by the job's `maker`: a page template, the feed writer, or
bytes made already (sitemap, robots.txt, static files) -- and the digest of each maker, which
is part of every key: a template with everything it extends, includes and imports.
"""

from __future__ import annotations

from typing import Iterable, Iterator

from digest.config import SiteConfig
from digest.feeds import make_feed
from digest.incremental import Job, Task
from digest.model import OutputFile
from digest.newsletter import EMAIL, maker_digest, make_email
from digest.render import CARDS, PageJobs, PageMaker
from digest.templates import Templates

FEED, BYTES = "feed", "bytes"


class Makers:
    """Makes any task; `digests` maps each maker to the digest of what it renders with."""

    def __init__(self, templates: Templates, config: SiteConfig, pages: PageJobs) -> None:
        self.pages = PageMaker(templates, pages)
        self.config = config
        names = templates.env.list_templates(filter_func=lambda name: not name.startswith("static/"))
        # a page's cards are rendered by the card macro whatever its template imports: both count
        self.digests = {name: templates.digest(name, CARDS) for name in names}
        self.digests.update({FEED: FEED, BYTES: BYTES})  # made by digest's code: the site key covers it
        self.digests[EMAIL] = maker_digest(templates.digest, config)  # its templates and CSS inliner

    def make(self, task: Task) -> list[OutputFile]:
        maker = task.job.maker
        if maker == FEED:
            return make_feed(task, self.config)
        if maker == EMAIL:
            return make_email(task, self.pages.templates.render)
        if maker == BYTES:
            return [OutputFile(task.job.paths[0], task.job.context["data"], task.key)]
        return self.pages.make(task)


def file_jobs(outputs: Iterable[OutputFile]) -> Iterator[Job]:
    """Outputs whose bytes are made already, as jobs: kept when the bytes are the same."""
    for output in outputs:
        yield Job((output.path,), BYTES, {"data": output.data})
