"""What the preview adds to each HTML page it sends (never to files on disk): the live-reload
script, and while the build is broken, an overlay listing each error with its file and line.

The overlay is in the HTML itself, so a reload shows it without JavaScript; the script also
puts it up and takes it down live on open pages, and swaps stylesheets without a reload when
only CSS changed.
"""

from __future__ import annotations

import html

EVENTS_PATH = "/__digest__/events"
OVERLAY_ID = "digest-build-errors"

_STYLE = ("position:fixed;inset:0 0 auto 0;z-index:2147483647;max-height:70vh;overflow:auto;margin:0;"
          "padding:1rem 1.25rem;background:#2b0d0d;color:#ffe9e9;font:14px/1.5 ui-monospace,monospace;"
          "border-bottom:4px solid #e5484d;white-space:pre-wrap")

_SCRIPT = """<script>
(function () {
  var generation = %(generation)d, id = "%(overlay_id)s";
  function overlay(text) {
    var old = document.getElementById(id);
    if (old) old.remove();
    if (!text) return;
    var box = document.createElement("pre");
    box.id = id; box.setAttribute("role", "alert"); box.style.cssText = "%(style)s";
    box.textContent = text;
    document.body.prepend(box);
  }
  function restyle() {
    document.querySelectorAll('link[rel="stylesheet"]').forEach(function (link) {
      var url = new URL(link.href); url.searchParams.set("digest-reload", Date.now()); link.href = url.href;
    });
  }
  var events = new EventSource("%(events)s");
  events.addEventListener("build", function (message) {
    var state = JSON.parse(message.data);
    if (state.generation === generation) return;
    if (state.errors.length) { generation = state.generation; overlay(state.title + "\\n\\n" + state.errors.join("\\n")); return; }
    if (state.styles_only && !document.getElementById(id)) { generation = state.generation; restyle(); return; }
    location.reload();
  });
})();
</script>
"""


def error_text(errors: tuple[str, ...]) -> str:
    """The overlay's heading line."""
    count = len(errors)
    return (f"digest: the build failed with {count} error{'s' if count != 1 else ''}; showing the last good "
            f"build. Fix the file and save: this page updates by itself.")


def decorate(page: bytes, generation: int, errors: tuple[str, ...]) -> bytes:
    """The page with the overlay (when `errors`) after <body> and the script before </body>."""
    script = _SCRIPT % {"generation": generation, "overlay_id": OVERLAY_ID, "style": _STYLE,
                        "events": EVENTS_PATH}
    text = page.decode("utf-8", errors="surrogateescape")
    if errors:
        box = (f'<pre id="{OVERLAY_ID}" role="alert" style="{_STYLE}">'
               f"{html.escape(error_text(errors))}\n\n{html.escape(chr(10).join(errors))}</pre>")
        text = _insert_after_body(text, box)
    lower = text.lower()
    end = lower.rfind("</body>")
    text = text[:end] + script + text[end:] if end >= 0 else text + script
    return text.encode("utf-8", errors="surrogateescape")


def _insert_after_body(text: str, fragment: str) -> str:
    lower = text.lower()
    start = lower.find("<body")
    close = lower.find(">", start) if start >= 0 else -1
    if close < 0:
        return fragment + text
    return text[:close + 1] + fragment + text[close + 1:]
