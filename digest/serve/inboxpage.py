"""The inbox page of the preview: the items waiting in `inbox/`, same stories together, each with
Pick (a note, tags) and Skip buttons that do what `digest pick` and `digest skip` do.

Made on request by the local preview server only, never written to a file and never part of the
built site.  A form is accepted only with the token of this preview run (a page elsewhere cannot
post to it) and only under a loopback Host name (no DNS rebinding).
"""

from __future__ import annotations

import hmac
import html
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from digest.config import load_config
from digest.errors import DigestError, format_diagnostic

if TYPE_CHECKING:
    from digest.sources.inbox import Item

INBOX_PATH = "/__digest__/inbox"
_STYLE = """body{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
h1{font-size:1.5rem}.item{border-top:1px solid #ddd;padding:.75rem 0}.same{margin-left:1.5rem}
.meta{color:#555;font-size:.9rem}.id{font-family:ui-monospace,monospace}.summary{margin:.25rem 0}
form{display:inline-block;margin:.25rem .5rem 0 0}input[type=text]{width:18rem}
.message{background:#eef6ee;border:1px solid #9c9;padding:.5rem .75rem}"""


@dataclass(frozen=True)
class InboxPage:
    """The page and its two actions for the site at `root`; `token` is secret to one preview run."""

    root: Path
    token: str

    def render(self, message: str = "") -> bytes:
        """The page: every waiting item with its forms (or the reason there are none)."""
        from digest.sources.groups import story_groups
        from digest.sources.inbox import Ledger

        parts = [f"<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>Inbox · digest preview</title>"
                 f"<meta name=robots content=noindex><style>{_STYLE}</style></head><body><h1>Inbox</h1>"]
        if message:
            parts.append(f'<p class=message role=status>{html.escape(message)}</p>')
        try:
            items = Ledger.load(self.root / "inbox").waiting()
        except DigestError as error:
            items = []
            parts.append("<pre>" + html.escape("\n".join(format_diagnostic(d) for d in error.diagnostics)) + "</pre>")
        if not items:
            parts.append("<p>The inbox is empty. <code>digest fetch</code> fills it.</p>")
        else:
            parts.append(f"<p>{len(items)} item{'s' if len(items) != 1 else ''} waiting. Picked items go to "
                         "<code>content/</code> and appear in the preview after the rebuild.</p>")
            for group in story_groups(items, self.root / "inbox"):
                for number, item in enumerate(group):
                    parts.append(self._item(item, group[0].id if number else None))
        parts.append("</body></html>")
        return "".join(parts).encode("utf-8")

    def _item(self, item: "Item", same_as: str | None) -> str:
        """One item with its Pick and Skip forms (`same_as`: the first report of its story)."""
        e = html.escape
        title = f'<a href="{e(item.url)}" rel=noreferrer>{e(item.title)}</a>' if item.url else e(item.title)
        same = f" · same story as <span class=id>{e(same_as)}</span>" if same_as else ""
        hidden = f'<input type=hidden name=token value="{e(self.token)}"><input type=hidden name=id value="{e(item.id)}">'
        return (f'<div class="item{" same" if same_as else ""}" id="item-{e(item.id)}">'
                f'<div class=meta><span class=id>{e(item.id)}</span> · {e(item.source)} · '
                f'{e((item.date or "")[:10] or "undated")}{same}</div><div><strong>{title}</strong></div>'
                f'<p class=summary>{e(item.summary)}</p>'
                f'<form method=post action="{INBOX_PATH}/pick">{hidden}'
                f'<input type=text name=note placeholder="Your note (becomes the summary)" aria-label="note"> '
                f'<input type=text name=tag placeholder="tags, comma separated" aria-label="tags" size=16> '
                f'<button type=submit>Pick</button></form>'
                f'<form method=post action="{INBOX_PATH}/skip">{hidden}<button type=submit>Skip</button></form></div>')

    def act(self, action: str, form: dict[str, list[str]]) -> tuple[int, str]:
        """Run pick or skip for a posted form: (HTTP status, message for the page)."""
        from digest.sources.inbox import Ledger
        from digest.sources.lock import Busy, inbox_lock

        token = (form.get("token") or [""])[0]
        if not hmac.compare_digest(token.encode("utf-8"), self.token.encode("utf-8")):
            return 403, "this form is not from this preview; reload the inbox page"
        wanted = (form.get("id") or [""])[0]
        try:
            config = load_config(self.root)
            with inbox_lock(self.root / "inbox"):
                ledger = Ledger.load(self.root / "inbox")
                if action == "pick":
                    note = (form.get("note") or [""])[0].strip() or None
                    tags = tuple(t.strip() for raw in form.get("tag", []) for t in raw.split(",") if t.strip())
                    decision = ledger.pick(wanted, config.content_path, note=note, tags=tags)
                else:
                    decision = ledger.skip(wanted)
                ledger.save()
        except Busy:
            return 409, "another digest fetch, pick or skip is running; try again in a moment"
        except DigestError as error:
            return 400, "; ".join(format_diagnostic(d) for d in error.diagnostics)
        return (303 if decision.ok else 404), decision.message


def location(message: str) -> str:
    """Where the browser goes after an action: the page, with the message to show."""
    return f"{INBOX_PATH}?done={quote(message)}"
