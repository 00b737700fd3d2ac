"""Site furniture in scraped text: menus, icon-sprite words, share and cookie lines, ads markers,
photo captions and credits, footers, and the headings of "Trending" / "Most read" lists.

Judges one line at a time (plus list headings, whose following lines the caller drops); knows
nothing about titles, dates or bylines.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[\w'’-]+", re.UNICODE)

_SOCIAL = frozenset("""
share shares shared sharing this article story page post on via en auf sur su no na в facebook twitter x linkedin whatsapp telegram
email e-mail mail print reddit pinterest vk vkontakte ok copy link url tweet messenger comments comment save
saved flipboard pocket bookmark teilen drucken partager imprimer compartir imprimir condividi поделиться
share: or and teile mit freunden beitrag artikel dieser diesen in messenger whatsapp teilen: auf
""".split())

_CONNECTORS = frozenset("on this or and via en auf sur su no na в mit in beitrag artikel dieser diesen".split())

_MENU = frozenset("""
home news world business sport sports opinion culture lifestyle life style tech technology science health
politics video videos podcasts podcast search menu login log sign in up out register more usa us uk russia
europe africa asia americas middle east op-ed op-edge edge shows projects newsletters newsletter live
latest weather travel food arts entertainment markets money economy education media photos photo gallery
galleries subscribe about contact account my settings trending skip to content main navigation nav
start seite startseite accueil inicio portada главная новости мир политика экономика спорт
international national local regional features analysis features columns blogs blog
environment global development football education society obituaries cities fashion books music film tv
radio games cars property jobs dating crosswords climate australia india china uk us
politik wirtschaft kultur panorama lokales wissen meinung reise auto digital
accueil politique économie société monde culture sports idées planète
portada nacional internacional deportes cultura economía opinión sociedad
cronaca politica esteri economia cultura spettacoli
экономика культура происшествия общество
""".split())

_STANDALONE = re.compile(
    r"^(?:menu|search|close|open|back|next|previous|prev|top|more|loading\.*|advertisement|advertising|ad|"
    r"sponsored(?: content)?|anzeige|werbung|publicité|publicidad|pubblicità|реклама|"
    r"story continues below(?: advertisement)?|article continues below(?: advertisement)?|"
    r"continue reading below|continue reading|scroll to continue|skip advertisement|"
    r"listen to (?:this )?article|listen|play|pause|watch|watch video|video|"
    r"(?:\d+\s+)?comments?(?:\s*\(\d+\))?|leave a comment|show comments|add comment|"
    r"(?:\d+\s+)?min(?:ute)?s? read|reading time:?.*|print(?: this)?|font size|a\+?|"
    r"view (?:image )?in fullscreen|enlarge|expand|collapse|toggle navigation|"
    r"accept(?: all)?(?: cookies)?|reject all|manage (?:preferences|cookies|settings)|ok|got it)[.!]?$",
    re.I)

_STARTS = re.compile(
    r"^(?:subscribe\b|sign up (?:for|to)\b|sign up$|follow (?:us|\w+) on\b|join us on\b|join our\b|"
    r"download (?:our|the) app|get the app|get our newsletter|newsletter\b|"
    r"©|\(c\)\s|copyright\b|all rights reserved|terms (?:of|and) (?:use|service|conditions)|privacy policy|"
    r"cookie policy|contact us\b|about us\b|advertise with us|site ?map\b|"
    r"this (?:website|site) uses cookies|we use cookies|by (?:continuing|using) (?:to browse|this site)|"
    r"if you (?:like|liked) this story, share it|our standards:|get short url|paid content|"
    r"like this story\? share it|"
    r"abonnieren\b|newsletter abonnieren|folgen sie uns|abonnez-vous|suivez-nous|suscríbete|síguenos|"
    r"подпишитесь|подписывайтесь|все права защищены|tous droits réservés|alle rechte vorbehalten|"
    r"todos los derechos reservados)",
    re.I)

_CAPTION = re.compile(
    r"^(?:photo|photograph|picture|image|foto|фото|illustration|video|credit|bild|imagen|source image)s?"
    r"(?:\s*\(\w+\))?\s*[:/©|]"
    r"|©\s*\S"
    r"|\bgetty images\b"
    r"|/\s*(?:reuters|afp|ap|epa|sputnik|tass|ria novosti|getty|xinhua|anadolu|dpa|efe|pa|ansa)\s*\)?\s*$"
    r"|\((?:photo|photograph|image|foto|фото):[^)]*\)\s*$"
    r"|\b(?:photograph|photo|picture|image|illustration|foto|фото)\s*:\s*[^.!?]{2,80}$"
    # credits at the end of a caption: "(Foto: X)", "(REUTERS/X)", "/ iStock", "(C) X", "Bild: X"
    r"|\((?:fotos?|photos?|bild(?:er)?|credit|crédits?|crédito|quelle|source|fuente|imagen|image|grafik|"
    r"illustration|symbolbild|archivbild|archiv)\b[^)]*\)\s*$"
    r"|\(\s*(?:reuters|afp|ap|epa|dpa|efe|getty images|imago|picture alliance|ansa|xinhua)\b[^)]*\)\s*$"
    r"|[/(|]\s*(?:istock(?:photo)?|unsplash|shutterstock|adobe ?stock|pixabay|getty images|imago(?: images)?|"
    r"picture[- ]alliance|dpa(?:-bildfunk)?|keystone)\b\S*[^.!?]{0,60}$"
    r"|(?:^|\s/\s*)\(c\)\s+\S[^.!?]{0,60}$"
    r"|^(?:photo(?:graph)? by|image by|bild|abbildung|grafik|imagen|crédito|credit)s?\b\s*[:]?\s*\S[^.!?]{0,120}$"
    r"|^vergrößern\b",
    re.I)

_COOKIE = re.compile(
    r"\bcookies?\b.*\b(?:accept|consent|policy|use|settings|agree|preferences|accepter|utilisons|politique|"
    r"akzeptieren|verwenden|zustimmen|aceptar|utilizamos|usamos|política|accetta|utilizziamo|используем|cookie-файлы)"
    r"|\b(?:accept|consent|agree|nous utilisons|wir verwenden|utilizamos|используем)\b.*\bcookies?\b", re.I)

_LIST_HEADING = re.compile(
    r"^(?:trending(?: now| stories| today)?|trends|hot topics|in focus|top news|most (?:read|viewed|popular|shared|commented)|popular(?: now| stories)?|"
    r"top stories|editor'?s? picks?|you (?:may|might) (?:also )?like|recommended(?: for you| stories)?|"
    r"more (?:from|stories|news)(?: \w+){0,3}|latest (?:news|stories)|"
    r"meistgelesen|am meisten gelesen|beliebt|les plus lus|les plus partagés|à la une|lo más (?:leído|visto)|"
    r"más leídas|самое читаемое|популярное|главное|les? plus populaires?)[:.]?$",
    re.I)

# Every _CAPTION alternative that is not anchored at the start needs one of these characters (or
# "getty"); a line without them can only match at its start.
_CAPTION_MARKS = frozenset("©/(|:")

_ENDS = frozenset(".!?…:;»”\"')]")      # a line ending in one of these ends like a sentence


def is_boilerplate(line: str) -> bool:
    """True if the line is site furniture rather than article text."""
    text = line.strip()
    if not text:
        return True
    lower = text.lower()
    if lower.count("icon") >= 3:  # icon-sprite labels run together by the scraper
        return True
    if _STANDALONE.match(text) or _STARTS.match(text):
        return True
    if len(text) < 220 and (_CAPTION.search(text) if _may_caption(text, lower) else _CAPTION.match(text)):
        return True
    if len(text) < 400 and "cookie" in lower and _COOKIE.search(text):
        return True
    if len(text) >= 250:
        return False  # the share and menu rules below are for short lines only
    unfinished = text[-1] not in _ENDS
    if len(text) >= 120 and not unfinished:
        return False  # neither rule below can hold
    words = [w.lower().strip("-'’") for w in _WORD.findall(text)]
    if not words:
        return False  # "---" or "* * *" in an article is kept, literally
    if len(text) < 120 and all(w in _SOCIAL for w in words) and \
            any(w in _SOCIAL - _CONNECTORS for w in words):
        return True
    if len(words) >= 3 and len(text) < 250 and unfinished:
        menu = sum(1 for w in words if w in _MENU)
        if menu / len(words) >= 0.7:
            return True
    return False


def _may_caption(text: str, lower: str) -> bool:
    """Could _CAPTION match past the line's start (a mark it needs is in the line)?"""
    return not _CAPTION_MARKS.isdisjoint(text) or "getty" in lower


def is_list_heading(line: str) -> bool:
    """True for the heading of a "Trending" / "Most read" style link list."""
    return bool(_LIST_HEADING.match(line.strip()))


def looks_like_headline(line: str) -> bool:
    """A short line without sentence punctuation at the end: a headline or a list entry."""
    text = line.strip()
    return 0 < len(text) <= 200 and not re.search(r"[.:;,]$", text)
