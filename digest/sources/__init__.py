"""Following sources: subscriptions in digest.yaml, `digest fetch` into the inbox, and curation.

    subscriptions.py  the `subscriptions:` option: Subscription values, located errors, the YAML block
    opml.py           OPML 2.0 in and out (exact round trip)
    state.py          per-source fetch state (etag, last success, failures, back-off), written atomically
    entries.py        a feed's entries -> articles, through the importer (full text fetched when allowed)
    harvest.py        `digest fetch`: every due source, politely, into the inbox
    inbox.py          the inbox ledger: items, what was picked or skipped, pick and skip
    groups.py         same-story groups among the waiting items (the enrichment's rule)
    lock.py           one fetch or curation at a time
    command.py        the verbs on the command line

The inbox (`inbox/`) is never part of the built site: an item reaches `content/` only when picked.
"""
