"""Reading one line as a byline: which names it credits, and how sure that is.

    "By Jane Doe and John Roe, CNN"             -> marker  ("Jane Doe", "John Roe")
    "Veröffentlicht am 3. 5. 2021 von Anna Berg" -> marker  ("Anna Berg",)
    "Autor: Anna Berg" / "Text: Anna Berg"        -> label   ("Anna Berg",)
    "Anna Berg, dpa" / "Dan Goodin - Apr 16, 2015" -> bare   ("Anna Berg",)   (only with support nearby)
    "2. Mai 2020 Anna Berg 3 Kommentare Reisen"   -> meta    ("Anna Berg",)   (a blog's date/author line)
    "dpa/AP" / "(AFP)" / "Von Redaktion"          -> credit ("dpa/AP",)
    "Redaktion"                                    -> desk    ("Redaktion",)   (only beside a date)
    "By" / "Autor:" / "Tipps von"                 -> open: a marker whose names are on the next line

Names are 1-4 capitalised words with particles ("von", "de", "van"), initials and "Dr."; what follows
them (a role, an outlet after a comma, a handle, a date, "in Paris") is left off; "BY JOHN SMITH" is
printed "John Smith"; one name per person.  A user name ("von gizzmo") counts only after a marker.
Knows nothing about where a line stands on the page: byline.py weighs the readings by position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# ----------------------------------------------------------------------------- vocabularies

# Words that introduce the names ("by", "von", "par", ...), and words that may stand before them
# ("Posted by", "Geschrieben von", "Ein Beitrag von", "Publicado por").
_MARKERS = ("by", "von", "vom", "par", "por", "door", "di", "av", "af", "durch", "przez", "da", "от", "de",
            "author", "autor", "autorin", "auteur", "escribe", "escrito")
_WEAK_MARKERS = frozenset({"di", "da", "de", "av", "af", "от"})   # also plain prepositions: names must follow closely
_LEAD_WORDS = frozenset("""
posted written published reported story words article contributed compiled produced
veröffentlicht geschrieben verfasst erstellt publiziert gepostet eingestellt eingetragen beitrag artikel
gastbeitrag kolumne text texte ein eine tipps interview analyse
publicado publicada escrito escrita redactado publié publiée écrit écrite rédigé rédigée article chronique
pubblicato scritto geplaatst geschreven opublikowano napisane post author autor reporting reported
blog blogbeitrag gespeichert bearbeitet gastkommentar essay analysis commentary column opinion
reportage rezension review critique crítica análisis opinión
""".split())

# Labels: "Autor: X", "Text: X", "Author X".
_LABEL = re.compile(
    r"^(?P<label>authors?|author\(s\)|autor(?:in|en|innen)?|autor\*in|autor/in|auteure?s?|autore|autora|"
    r"text(?:e)?|texto|testo|tekst|redaktion|redakteur(?:in)?|reporter(?:in)?|written by|words|"
    r"text\s*(?:und|&|/)\s*fotos?|text\s*(?:und|&|/)\s*bilder?|texte?\s*(?:et|&)\s*photos?|"
    r"by|von|par|por|door|escrito por|autor del artículo|верстка|автор|текст|reportage|"
    r"interview|kommentar|ein kommentar|gastautor(?:in)?|gastbeitrag)\s*[:：]\s*(?P<rest>.*)$",
    re.I)
_LABEL_ONLY = re.compile(
    r"^(?:authors?|autor(?:in|en|innen)?|autor\*in(?:nen)?|autor/in(?:nen)?|autor:innen|auteure?|autore|autora|author\(s\)|written by|posted by|geschrieben von|"
    r"verfasst von|von|by|par|por|door|text|texto|über den autor|about the author|über die autorin|"
    r"à propos de l'auteur|sobre el autor|contact the authors?|ein beitrag von|ein artikel von|ein gastbeitrag von|"
    r"tipps von|[\w-]+ von|автор|текст)\s*[:：]?$",
    re.I)
_BARE_LABEL = re.compile(r"^(?:autor(?:in)?|author|auteur|autora?)\s+(?P<rest>\S.*)$", re.I)

# Capitalised words that end a name: roles, months, weekdays and page furniture.
_ROLE_WORDS = frozenset("""
staff writer writers editor editors editorial senior contributor contributors contributing reporter reporters
correspondent correspondents columnist columnists journalist journalists producer producers photographer
analyst anchor host chief managing deputy associate assistant intern fellow desk bureau
redakteur redakteurin redakteure redaktion redaktionsleiter redaktionsleiterin chefredakteur chefredakteurin
autor autorin autoren journalistin korrespondent korrespondentin volontär volontärin reporterin
fotograf fotografin moderator moderatorin leiter leiterin ressortleiter ressortleiterin freier freie
mitarbeiter mitarbeiterin gastautor gastautorin kolumnist kolumnistin sprecher sprecherin pressesprecher
pressesprecherin stellvertretende stellvertretender referent referentin geschäftsführer geschäftsführerin
correspondant correspondante rédacteur rédactrice journaliste envoyé envoyée spécial spéciale chroniqueur
chroniqueuse corresponsal redactor redactora periodista enviado enviada especial colaborador colaboradora
corrispondente giornalista redattore redattrice repórter jornalista
phd md mba ma msc bsc ba jr sr attorney director president professor manager head founder ceo cto
geschäftsführer geschäftsführerin vorsitzender vorsitzende vorstand direktor direktorin präsident präsidentin
education environment economy finance media music film arts crime legal world europe defence defense
diplomatic energy transport social affairs security religion property motoring wine books theatre
""".split())
_HONORIFICS = frozenset("""
dr dr. prof prof. professor mr mr. mrs mrs. ms ms. mag mag. dipl dipl. ing ing. rechtsanwalt rechtsanwältin
rechtsanwälte ra fachanwalt fachanwältin pfarrer pfarrerin sir dame mme mme. m. sr. sra. sra
""".split())
_ACADEMIC = frozenset({"dr", "prof"})   # printed as part of the name: "Dr. Anna Berg"
_MONTH_WORDS = frozenset("""
january february march april may june july august september october november december jan feb mar apr jun jul
aug sep sept oct nov dec januar februar märz juni juli oktober dezember jänner janvier février mars avril mai juin
juillet août septembre octobre novembre décembre enero febrero marzo abril mayo junio julio agosto septiembre
octubre noviembre diciembre janeiro fevereiro março maio junho julho setembro outubro novembro dezembro
gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre
monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
montag dienstag mittwoch donnerstag freitag samstag sonntag mo di mi do fr sa so
lundi mardi mercredi jeudi vendredi samedi dimanche lunes martes miércoles jueves viernes sábado domingo
segunda terça quarta quinta sexta sábado segunda-feira terça-feira quarta-feira quinta-feira sexta-feira
""".split())
_NOISE_WORDS = frozenset("""
updated update published posted last modified edited editing reporting writing additional zuletzt aktualisiert geändert veröffentlicht stand
erstellt publiziert uhr um am on at the le la el il em à a las los del de ao às mis jour publié publiée
actualizado actualizada publicado publicada atualizado atualizada pubblicato aggiornato alle ore
gmt utc cet cest mez mesz est edt cst cdt pst pdt bst et pt am pm a.m. p.m. h min read lesezeit
follow folgen share teilen email e-mail twitter facebook linkedin comments kommentare kommentar comment
more mehr weitere view all alle artikel articles stories beiträge profile profil reading
""".split())
# Desk words: a role when they follow a name ("Anna Berg, Business Editor"), a name's part before one.
_DESK_WORDS = frozenset("""
digital news political national international business sports science health technology tech weather auto
travel fashion food entertainment culture politics economics opinion special investigative multimedia data
""".split())
_ROLE_WORDS = _ROLE_WORDS | _DESK_WORDS
_STOP_AFTER_NAME = _ROLE_WORDS | _MONTH_WORDS | _NOISE_WORDS
_DATE_NOISE = frozenset("""
on am um at le el il em à a las los del de ao às the updated published posted last zuletzt aktualisiert geändert
veröffentlicht publiziert erstellt stand publié publiée mis jour publicado publicada actualizado atualizado
pubblicato aggiornato alle ore uhr gmt utc cet cest mez mesz est edt cst cdt pst pdt bst et pt am pm
""".split()) | _MONTH_WORDS
_FURNITURE = frozenset("""
home menu search login log sign subscribe newsletter abo anzeige advertisement share tweet print news
next previous prev post posts related more read weiterlesen zurück back top comments kommentare
startseite impressum datenschutz kontakt contact about privacy terms cookies cookie tags tag topics
themen kategorie kategorien category categories archive archiv video videos photos fotos gallery
galerie podcast live ticker blog blogs forum shop e-paper epaper app apps rss feed feeds guide
review reviews test tests ratgeber service sport sports politik wirtschaft kultur panorama
opinion meinung world welt deutschland europa union olympische spiele winterspiele weltcup
the der die das les los las il lo el una un ein eine this that these dies diese
date datum fecha data time zeit store
""".split())
_PARTICLES = frozenset("""
von van der den de da das dos do del della dei di du la le zu zur zum ten ter bin ibn al el y e mac mc st st. vom v. v
""".split())
_AGENCIES = frozenset("""
dpa afp ap reuters apa kna epd sda sid ddp efe ansa ats keystone-sda dpa-afx afx awp bloomberg
associated press agence france-presse upi xinhua tass ria lusa pa pti ians ani kyodo yonhap anadolu
kathpress idea ots rtr red red. aa europa press agencia agencias agencies agenturen agentur wires
""".split())
_AGENCY_PHRASE = re.compile(
    r"^(?:the\s+)?(?:associated press|agence france-presse|agence france presse|press association|"
    r"europa press|agencia efe|agencias?|agencies|agenturen|news agencies|wire services?|"
    r"(?:dpa|afp|ap|reuters|apa|kna|epd|sda|sid|ddp|efe|ansa|ats|afx|dpa-afx|kathpress|ots|upi|xinhua|tass)"
    r")$", re.I)
_DESK = re.compile(
    r"^(?:(?:[\w.&-]+\s+){0,3}(?:redaktion|staff|team|newsroom|newsdesk|desk|editorial staff|editors|"
    r"rédaction|redacción|redação|redazione|staff reports?|staff report)|"
    r"(?:die\s+|the\s+|la\s+)?(?:redaktion|rédaction|redacción|redação|redazione|newsroom|editorial team|"
    r"editorial staff|online-redaktion|online redaktion|staff)(?:\s+(?:von|of|de|der|des)\s+[\w.&-]+(?:\s+[\w.&-]+){0,2})?)$",
    re.I)

_FUNCTION_WORDS = frozenset("""
the this that these those their there where which what when about other every some many most more
der die das dem den des ein eine einer eines dieser diese dieses unser unsere alle alles mehr viele
les des une cette notre votre tous toutes los las una este esta estos estas nuestro todos todas
in im an am on at to of by is it me my we us he da la le de en et es el lo un il du zu so wo ob er ja no
""".split())
_ROLE_SUFFIX = re.compile(r"(?:redakteur|redakteurin|redaktion|reporter|reporterin|korrespondent|korrespondentin|"
                          r"journalist|journalistin|autorin|kolumnist|kolumnistin|sprecherin|sprecher)$")
_AUTHOR_LINK = re.compile(
    r"^(?:alle (?:artikel|beiträge)|weitere (?:artikel|beiträge|texte)|mehr (?:artikel|beiträge|von\b.*)|"
    r"artikel von\b.*|beiträge von\b.*|zum (?:autor|profil)|autorenprofil|profil|"
    r"more (?:from|by|articles|stories|posts)\b.*|all (?:articles|stories|posts)\b.*|view (?:all )?(?:posts|articles)\b.*|"
    r"posts by\b.*|see all\b.*|follow\b.*|folgen\b.*|folge\b.*|autor folgen|kontakt|e-mail|email|"
    r"tous (?:ses|les) articles\b.*|plus d'articles\b.*|más (?:artículos|notas)\b.*|ver más\b.*)$", re.I)
_SPLIT_WORDS = re.compile(r"[^\w-]+")
_STRONG_MARKERS = frozenset(_MARKERS) - _WEAK_MARKERS
_CREDIT_WORDS = frozenset("""
dpa afp ap reuters apa kna epd sda sid ddp efe ansa ats afx awp bloomberg upi xinhua tass ria lusa pa pti ians
ani kyodo yonhap anadolu kathpress idea ots rtr red aa associated agence press agencia agencias agencies
agenturen agentur wire wires redaktion staff team newsroom newsdesk desk editor editors editorial rédaction
redacción redação redazione report reports dpa-afx keystone-sda
""".split())
_MARKER_WORD = re.compile(r"\b(?:" + "|".join(sorted(_MARKERS, key=len, reverse=True)) + r")\b|:", re.I)
_DIGIT = re.compile(r"\d")
_CJK_LABEL = re.compile(r"(?:作者|责任编辑|責任編輯|责编|编辑|編輯|记者|記者|文)\s*[：:︱|]\s*(?!责任|責任|编辑|編輯|作者|记者|記者)(?P<name>[\u4e00-\u9fff]{2,4})(?![\u4e00-\u9fff])")
_OPENS_WITH_NAME = re.compile(r"^\W*[^\W\d_][\w'’.-]*\s+(?:[^\W\d_]+\s+)?[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁ]|^\W*[^\W\d_][\w'’.-]*\s*[,@]")
_SHORT_DATE = re.compile(r"(?<![\d.])(?:[0-3]?\d\.[01]?\d\.\d{2}|[01]?\d/[0-3]?\d/\d{2})(?![\d.])")  # 06.11.23
_CREDIT_WORD = re.compile(
    r"\b(?:dpa|afp|ap|reuters|apa|kna|epd|sda|sid|ddp|efe|ansa|ats|afx|awp|bloomberg|upi|xinhua|tass|ria|lusa|"
    r"pa|pti|ians|ani|kyodo|yonhap|anadolu|kathpress|idea|ots|rtr|red|aa|associated|agence|press|agencia|agencias|"
    r"agencies|agenturen|agentur|wires?|redaktion|staff|team|newsroom|newsdesk|desk|editors?|editorial|"
    r"rédaction|redacción|redação|redazione|reports?)\b", re.I)
_PICTURE_AGENCY = re.compile(r"\b(?:getty|images?|imago|picture|alliance|shutterstock|istock|fotolia|adobe|"
                             r"stock|epa|foto|photo|bild|keystone|gepa|unsplash|pixabay)\b", re.I)
_PLACE_WORDS = frozenset("in im aus à a en for from reporting für in der at under unter".split())
_WITH_WORDS = frozenset("avec with mit con com".split())
_CONJUNCTION = re.compile(r"^(?:and|und|&|et|y|e|en|och|og|и|with|mit|sowie)$", re.I)
_HANDLE = re.compile(r"@\w+|\S+@\S+\.\w+|https?://\S+|www\.\S+")
_DIGITS = re.compile(r"\S*\d\S*")
_SEPARATORS = re.compile(r"\s*[|·•▪►»«∙]\s*|\s*/{1,2}\s+|\s+[–—-]{1,2}\s+|\s*\x00\s*|\s+:\s+|\s*\(\s*|\s*\)\s*")
_WORD_CHARS = re.compile(r"^[^\W\d_](?:[^\W\d_]|['’.-](?=[^\W\d_])|\.)*\.?$")
_INITIALS = re.compile(r"^(?:[^\W\d_]\.){1,3}(?:-[^\W\d_]\.)?$")
_CAMEL_HANDLE = re.compile(r"^[^\W\d_][\w.-]{1,30}$")


@dataclass(frozen=True)
class Reading:
    """What one line says about the author.

    kind: "marker" ("By X"), "label" ("Autor: X"), "bare" (a name alone, maybe with a role or date),
    "meta" (a blog's date/author/categories line), "credit" (a wire or desk credit), "desk" (a desk
    name alone), "open" (a marker whose names follow on the next line).
    only: the line holds nothing but the byline (and dates), so it can leave the body.
    """

    kind: str
    names: tuple[str, ...] = ()
    only: bool = True
    dated: bool = False
    role: bool = False
    handle: bool = False


# ----------------------------------------------------------------------------- the line reader


@lru_cache(maxsize=8192)
def read_line(line: str, stopwords: frozenset[str] = frozenset(), marked_only: bool = False) -> Reading | None:
    """The byline reading of one line, or None.  `stopwords` (the page language's) keep phrases
    like "von jedem Spieler" from reading as names.  `marked_only` looks for "By X" / "Autor: X" /
    wire credits only (no bare names, no dates): the quick question other readers ask."""
    text = line.strip().strip("*_").strip()
    if not text or len(text) > 220 or (len(text) > 90 and not _MARKER_WORD.search(text[:120])
                                       and not (len(text) <= 120 and _DIGIT.search(text))):
        return None  # a paragraph: only a "By X" line (or a dated meta line) may run this long
    if text.endswith(":") and _BARE_LABEL.match(text) and not _LABEL_ONLY.match(text):
        text = text[:-1]  # "Autor Mark Newton:"
    if _LABEL_ONLY.match(text) and len(text) <= 40:
        return Reading("open")
    cjk = _CJK_LABEL.search(text) if len(text) <= 160 else None
    if cjk:
        return Reading("label", (cjk["name"],), len(text) <= 40, False)  # "作者：王小明", "责任编辑：李华"
    if not _DIGIT.search(text) and not _MARKER_WORD.search(text) and not _CREDIT_WORD.search(text) \
            and not _OPENS_WITH_NAME.match(text):
        return None  # no date, no marker, no credit, and not two capitalised words: nothing to read
    words = text.count(" ") + 1
    if (words > 16 or (words >= 6 and text[-1] in ".!?")) and not _MARKER_WORD.search(text[:60]) \
            and not re.search(r"(?:^|\s)[^\W\d_]\.$", text):
        return None  # a sentence
    dated = False if marked_only else _has_date(text)
    credit = _credit(text)
    if credit:
        return Reading("credit", credit, True, dated)
    segments = _segments(text)
    if segments and (dated or "/" in segments[0] or (marked_only and _DIGIT.search(text))) and all(_is_noise(x) or len(x.split()) <= 3 for x in segments[1:]):
        credit = _credit(segments[0], alone=True)
        if credit:
            return Reading("credit", credit, True, dated)  # "Reuters November 18, 2019", "AFP/The Local - mail"
    label = _LABEL.match(text)
    if label:
        rest = label["rest"].strip()
        if not rest:
            return Reading("open")
        names, tail = _walk(rest, False, stopwords)
        if names and _short_tail(tail):
            return Reading("label", names, True, dated)
        return None
    bare_label = _BARE_LABEL.match(text)
    if bare_label:
        names, tail = _walk(bare_label["rest"], True, stopwords)
        if names and _short_tail(tail):
            return Reading("label", names, True, dated)
    for position, segment in enumerate(segments):
        crumbs = bool(re.search(r"[|·•]", text))
        if position and not all(_is_noise(s) or (crumbs and len(s.split()) <= 2) for s in segments[:position]):
            break  # a marker after other words is prose: "die Top 3 von jedem ..."
        label = _LABEL.match(segment) if position else None
        if label and label["rest"].strip():
            names, tail = _walk(label["rest"], False, stopwords)
            if names and _short_tail(tail):
                return Reading("label", names, False, dated)  # "05.01.2020 | Autor: gnaddrig | Abgelegt unter: ..."
        found = _marker_segment(segment, stopwords)
        if found is not None:
            names, open_ended = found
            if open_ended and position == len(segments) - 1 and all(_is_noise(x) for x in segments[:position]):
                return Reading("open")
            if names:
                only = all(_is_noise(s) or len(s.split()) <= 3 for s in segments[position + 1:])
                if not only and all(_is_handle(n) for n in names):
                    return None  # "By mid 2019, the number of ...": a sentence, not a user name
                return Reading("marker", names, only, dated)
    if marked_only or re.match(r"^[–—-]", text):
        return None  # "— Jane Doe (@jane) May 3, 2021" signs a quoted tweet
    first = segments[0] if segments else ""
    if first and len(first.split()) <= 3 and _DESK.match(first) and all(_is_noise(x) for x in segments[1:]) \
            and _desk_words(first.split()):
        return Reading("desk", (first,), True, dated)  # "Redaktion" alone: the desk, if a date is beside it
    if len(segments) == 1 and _AGENCY_PHRASE.match(text.strip(" ()[]")):
        return Reading("desk", (text.strip(" ()[]"),), True, dated)  # "dpa" alone: the wire, if a date is beside it
    meta = _meta(segments, stopwords) if dated else None
    if meta is not None and " " not in meta.names[0] and _between_dates(text, meta.names[0]):
        meta = None  # "19.2.2020 16:20 updated 19.2.2020 16:20": a word before the second date labels it
    return _bare(text, segments, dated, stopwords) or meta


def _between_dates(text: str, word: str) -> bool:
    """The word stands after a date and right before another one."""
    match = re.search(r"\d.*\s" + re.escape(word) + r"\s*[:,]?\s+(?=\d)", text)
    if match is None:
        return False
    after = _find_date(text[match.end():])
    return after is not None and after.start == 0


_DESK_LEAD = frozenset("die the la da de del della el le a".split())   # "La rédaction", "Da Redação"
_DESK_NOUNS = frozenset("redaktion rédaction redacción redação redazione newsroom staff".split())


def _desk_words(words: list[str]) -> bool:
    """A desk's name is capitalised words, or an article and the desk's own word ("La rédaction")."""
    if len(words) == 2 and words[0].lower() in _DESK_LEAD and words[0][:1].isupper() and words[1].lower() in _DESK_NOUNS:
        return True
    return not any(w.lower() in _FURNITURE or w.lower() in _PARTICLES or w.islower() for w in words)


def may_credit(line: str) -> bool:
    """A cheap first look: could the line be a "By X" / "Autor: X" / wire credit line at all?"""
    if len(line) > 220:
        return False
    if ":" in line[:30]:
        return True
    head = _SPLIT_WORDS.split(line[:70].lower())
    if not _STRONG_MARKERS.isdisjoint(head) or (head and head[0] in _WEAK_MARKERS) \
            or (len(head) > 1 and not head[0] and head[1] in _WEAK_MARKERS):
        return True  # "de", "di", "da" count only first on the line: elsewhere they are prepositions
    return len(line) <= 80 and not set(_SPLIT_WORDS.split(line.lower())).isdisjoint(_CREDIT_WORDS)


def parse_names(text: str, stopwords: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """The names in text that follows a marker ("Jane Doe and John Roe, CNN" -> both names)."""
    return _walk(text, False, stopwords)[0]


def is_role_line(line: str) -> bool:
    """A short line naming a job: "Games Editor", "Stellvertretende Pressesprecherin und Leiterin",
    "Mitglied der News-Redaktion"."""
    words = [w.strip(",.()").lower() for w in line.split()]
    if not 0 < len(words) <= 9 or any(ch.isdigit() for ch in line):
        return False
    return any(w in _ROLE_WORDS - _NOISE_WORDS or _ROLE_SUFFIX.search(w) for w in words)


def is_label_only(line: str) -> bool:
    """A label with nothing after it ("Autorin", "About the author:"): the names follow below."""
    text = line.strip().strip("*_").strip()
    return len(text) <= 40 and bool(_LABEL_ONLY.match(text))


def is_author_link(line: str) -> bool:
    """The link line of an author box: "Alle Artikel", "Weitere Beiträge", "More from X", "Profil"."""
    return bool(_AUTHOR_LINK.match(line.strip())) and len(line) <= 80


def name_key(name: str) -> str:
    """A comparison key for one name."""
    return re.sub(r"\W+", " ", name.casefold()).strip()


# ----------------------------------------------------------------------------- pieces


def _has_date(text: str) -> bool:
    from digest.importer.dates import find_relative

    if _DIGIT.search(text) and (_find_date(text) is not None or _SHORT_DATE.search(text)):
        return True
    return find_relative(text) is not None


@lru_cache(maxsize=2048)
def _find_date(text: str):
    """dates.find_date, once per text (a line is looked at by several readings)."""
    from digest.importer.dates import find_date

    return find_date(text)


@lru_cache(maxsize=2048)
def _mask_dates(text: str) -> str:
    """Dates and every token with a digit replaced by a separator mark."""
    if not _DIGIT.search(text):
        return text  # every date form has a digit
    for _ in range(4):
        match = _find_date(text)
        if match is None:
            break
        text = text[: match.start] + "\x00" + text[match.end:]
    return _DIGITS.sub(_digit_token, text)


def _digit_token(match: re.Match[str]) -> str:
    """A number, time or date-like token becomes a separator mark; a user name with digits stays
    ("delta201", "happyface313")."""
    token = match.group(0)
    if re.fullmatch(r"[^\W\d_][\w.-]*\d[\w-]*", token) and not re.search(r"[:/]", token):
        return token
    return "\x00"


def _segments(text: str) -> list[str]:
    masked = _HANDLE.sub("\x00", _mask_dates(text))
    return [s.strip(" ,;:-–—/~") for s in _SEPARATORS.split(masked) if s and s.strip(" ,;:.-–—/~")]


def _marker_segment(segment: str, stopwords: frozenset[str]) -> tuple[tuple[str, ...], bool] | None:
    """(names, False) when the segment is "[lead words] by NAMES"; ((), True) when it ends on the marker."""
    words = segment.split()
    for i, word in enumerate(words[:6]):
        low = word.lower().rstrip(":")
        if low not in _MARKERS:
            continue
        lead = [w.lower().strip(".,:") for w in words[:i]]
        if lead[:2] in (["posted", "in"], ["filed", "under"], ["veröffentlicht", "in"], ["publié", "dans"]) \
                and low in ("by", "von", "par"):
            lead = []  # "Posted in Datenschutz by X": the category between
        if any(w not in _LEAD_WORDS and w not in _DATE_NOISE for w in lead):
            return None
        rest = " ".join(words[i + 1:])
        if not rest:
            return ((), True) if (lead or len(words) == 1) and low not in _WEAK_MARKERS else None
        if low == "vom" and not lead and len(words) > 3:
            return None
        weak = low in _WEAK_MARKERS and not lead
        # "de", "di", "da": a preposition as often as a marker; take it only before a clear name
        names, tail = _walk(rest, weak, stopwords)
        if names and _short_tail(tail, strict=weak):
            return names, False
        # "Post author By X": a later marker word may still introduce the names
    return None


def _short_tail(tail: list[str], strict: bool = False) -> bool:
    """What follows the names is page furniture, a role, an outlet after a comma, or a place:
    "on", ", CNN", "Staff Writer", "in Paris"; not the rest of a sentence."""
    words = [t for t in tail if t not in (",", ";")]
    if not words:
        return True
    if strict:
        return all(w.lower() in _STOP_AFTER_NAME for w in words)
    if all(w.lower().strip(".,") in _STOP_AFTER_NAME for w in words) and len(words) <= 5:
        return True
    if tail[0] in (",", ";"):
        return True  # "By Jane Doe, a deputy editor who covers ...": what follows the comma is about her
    first = words[0].lower().strip(".,")
    if first in _NOISE_WORDS - {"the", "a", "la", "le", "el", "il", "de", "del", "los", "las"} or \
            re.match(r"(?:fotos?|photos?|bilder?|images?|illustrations?|grafik)[:/]", first):
        return True  # "By X Follow @X", "von X Foto: © Y"
    if words[0].lower() in _PLACE_WORDS and len(words) <= 4:
        return True
    if len(words) >= 2 and words[0].lower() in _WITH_WORDS and _AGENCY_PHRASE.match(" ".join(words[1:]).strip(".,;()")):
        return True  # "Par Anna Berg avec AFP", "Von Anna Berg mit dpa"
    return len(words) <= 2 and all(w.lower() in _STOP_AFTER_NAME or w[:1].isupper() for w in words)


def _is_noise(segment: str) -> bool:
    """A segment of nothing but date and page words ("Veröffentlicht am", "Updated", "AM")."""
    words = [w.lower().strip(".,:;") for w in segment.split()]
    return all(not w or w in _NOISE_WORDS or w in _LEAD_WORDS or w in _MONTH_WORDS for w in words)


def _credit(text: str, alone: bool = False) -> tuple[str, ...] | None:
    """A wire or desk credit standing alone: "dpa", "(AFP)", "dpa/AP", "det/dpa", "Von Redaktion".
    A picture agency in it makes it a photo credit: "AFP/Getty Images"."""
    if not _CREDIT_WORD.search(text) or _PICTURE_AGENCY.search(text):
        return None
    core = re.sub(r"^(?:by|von|par|por|quelle|source|fuente|fonte|mit material von|with)\s*:?\s+", "", text, flags=re.I)
    core = core.strip(" ()[].,;-–—|")
    if not core or len(core) > 60:
        return None
    parts = [p.strip() for p in re.split(r"\s*/\s*|\s*,\s*|\s+(?:mit|with|und|and|&)\s+", core) if p.strip()]
    if not parts or len(parts) > 4:
        return None
    agency = sum(1 for p in parts if _AGENCY_PHRASE.match(p))
    initials = sum(1 for p in parts if re.fullmatch(r"[a-zäöü]{2,4}\.?", p) and not _AGENCY_PHRASE.match(p))
    if agency and "/" in core and all(_AGENCY_PHRASE.match(p) or (len(p.split()) <= 3 and p[:1].isupper())
                                      for p in parts) and len(parts) == len(core.split("/")):
        return (core,)  # "AFP/The Local"
    if agency and agency + initials == len(parts) and core.lower() not in ("agencies", "agencias", "agenturen"):
        if text.strip().startswith("(") or "/" in core or alone or text.lower().startswith(("by ", "von ", "quelle")):
            return (core,)
    if alone and len(parts) == 1 and _AGENCY_PHRASE.match(core):
        return (core,)
    if len(parts) == 1 and " " in core and _AGENCY_PHRASE.match(core):
        return (core,)  # "The Associated Press" alone: a wire credit (a bare "AFP" is more often a photo's)
    if _DESK.match(core) and (alone or text.lower().startswith(("by ", "von ", "par ", "por ", "de "))):
        return (core,)
    return None


def _tokens(text: str) -> list[str]:
    text = re.sub(r"\s*([,;])\s*", r" \1 ", text)
    return text.split()


def _walk(text: str, strict: bool, stopwords: frozenset[str] = frozenset()) -> tuple[tuple[str, ...], list[str]]:
    """Walk the tokens and collect the names, stopping at the first token that is not part of a name,
    a joiner or a particle; returns the names and the tokens left after them."""
    text = _HANDLE.sub(" | ", _mask_dates(text))
    text = re.split(r"\s*[|·•\x00(]\s*|\s+[–—-]{1,2}\s+", text)[0]
    core = text.strip(" ,.;:")
    # a desk or wire credit after a marker: "Von Redaktion", "By HNN Staff", "By Reuters"
    if not strict and ((_DESK.match(core) and len(core.split()) <= 4) or _AGENCY_PHRASE.match(core)):
        return (core,), []
    tokens = _tokens(text)
    groups: list[list[str]] = [[]]
    starts: list[int] = [0]
    separators: list[str] = []
    stop = len(tokens)
    for position, token in enumerate(tokens):
        low = token.lower()
        if token in (",", ";") or _CONJUNCTION.match(token):
            if not groups[-1]:
                stop = position
                break
            separators.append("," if token in (",", ";") else "and")
            groups.append([])
            starts.append(position)
            continue
        if token.endswith((":", "：")) and len(token) > 1:
            stop = position  # "Foto: X", "Kategorie: X": a label this reader does not know
            if not groups[-1] and not any(groups):
                return (), tokens
            break
        if "/" in token:  # "Peter Maahn/SP-X": the name, then the agency
            head = token.split("/")[0]
            if groups[-1] and head and _is_name_token(head):
                groups[-1].append(head)
            stop = position + 1
            if token == "/" and groups[-1] and _is_outlet(tokens[position + 1:]):
                stop = len(tokens)  # "Anna Berg / harbourtimes.com": the outlet after the name
            break
        if low.rstrip(".,") in _MONTH_WORDS and groups[-1] and not _ends_here(tokens, position):
            groups[-1].append(token)  # "Jan Kupitz", "April Ryan": a month only before a date
            continue
        if low.rstrip(".,") in _MONTH_WORDS and not groups[-1] and not _ends_here(tokens, position) \
                and position + 1 < len(tokens) and _is_name_token(tokens[position + 1]):
            groups[-1].append(token)
            continue
        if groups[-1] and re.fullmatch(r"[A-ZÀ-Þ]\.?", token) and (len(groups[-1]) == 1 or (
                position + 1 < len(tokens) and _is_name_token(tokens[position + 1]))):
            groups[-1].append(token)  # "Ariel H", "Juan C. Muñoz": a capital initial, not "h" for hours
            continue
        if groups[-1] and len(low) <= 3 and low not in _PARTICLES and _is_stopword(low, stopwords):
            stop = position  # "Henry In Aktuell": a function word ends the name
            break
        if _is_name_token(token) and low not in _FURNITURE and (
                low.rstrip(".") not in _STOP_AFTER_NAME or (not groups[-1] and not any(groups) and low in _DESK_WORDS
                                                            and not strict)):
            if low.rstrip(".") in _HONORIFICS and low.rstrip(".") not in _ACADEMIC and not groups[-1]:
                continue  # "Rechtsanwalt X", "Mr X": the name without the form of address
            groups[-1].append(token)
            continue
        if low in _PARTICLES and (groups[-1] or token[0].isupper()):
            groups[-1].append(token)  # "Christoph von Ritter", "Van Morrison"
            continue
        if not strict and not any(groups) and _CAMEL_HANDLE.match(token) and _ends_name(tokens, position) \
                and low not in _STOP_AFTER_NAME and low not in _FURNITURE and low not in _PARTICLES \
                and not _is_stopword(low, stopwords):
            groups[-1].append(token)  # a user name: "von gizzmo", "By admin"
            stop = position + 1
            break
        stop = position
        break
    names: list[str] = []
    for index, group in enumerate(groups):
        dangling = False
        while group and group[-1].lower() in _PARTICLES:
            popped = group.pop()
            dangling = dangling or (popped.islower() and popped not in _DATE_NOISE)
        if dangling and len(groups) == 1:
            return (), tokens  # "von Besorgter Vater zu ...": a phrase, not a name
        if not group:
            stop = min(stop, starts[index])
            break
        if index > 0 and separators[index - 1] == "," and not _list_continues(separators, index) \
                and not _starts_with_given_name(group):
            stop = starts[index]  # "Tanza Loudenback, Business Insider": no later "and", an affiliation
            break
        name = _tidy(" ".join(group))
        if not _plausible(name, strict, stopwords) or (len(groups) > 1 and _core_count(name) < 2 and not _is_handle(name)):
            if names:
                stop = starts[index]
                break
            return (), tokens
        if name_key(name) not in {name_key(n) for n in names}:
            names.append(name)
    return tuple(names), tokens[stop:]


def _is_outlet(rest: list[str]) -> bool:
    """What follows "Name / " is the outlet: a web address or one lower-case word ("dpa")."""
    return len(rest) == 1 and (bool(re.fullmatch(r"[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}", rest[0], re.I)) or rest[0].islower())


def _ends_here(tokens: list[str], position: int) -> bool:
    """A month name at the end of the text (a date was cut off after it) or before page words."""
    if position + 1 >= len(tokens):
        return True
    after = tokens[position + 1].lower()
    return after in _NOISE_WORDS or after in (",", ";")


def _starts_with_given_name(group: list[str]) -> bool:
    from digest.importer.givennames import is_given_name

    return len(group) >= 2 and is_given_name(group[0])


def _list_continues(separators: list[str], index: int) -> bool:
    """In "A, B and C" the comma before B joins a name: a later separator is "and"."""
    return "and" in separators[index - 1:]


def _is_name_token(token: str) -> bool:
    if token.endswith(".") and 3 < len(token) <= 5 and token.lower() not in _HONORIFICS and token.count(".") == 1:
        return False  # "Inh.", "Abt.": an abbreviation, not an initial
    token = token.strip(".,;:")
    if not token:
        return False
    if _INITIALS.match(token + ("" if token.endswith(".") else ".")) and len(token) <= 5 and token[0].isupper():
        return True
    return bool(_WORD_CHARS.match(token)) and token[0].isupper()


def _plausible(name: str, strict: bool, stopwords: frozenset[str] = frozenset()) -> bool:
    words = name.split()
    if re.search(r"\w\.(?:[a-z]{2,4})$", name, re.I) and " " not in name:
        return False  # "meininger.de": a site, not a person
    if not words or len(words) > 6 or len(name) > 60:
        return False
    core = [w for w in words if w.lower() not in _PARTICLES]
    if not core:
        return False
    if any(w.lower().strip(".") in _FURNITURE for w in core):
        return False
    if _is_stopword(words[0], stopwords):
        return False
    if strict and not 2 <= len([w for w in core if not _INITIALS.match(w)]) <= 3:
        return False
    return True


def _is_stopword(word: str, stopwords: frozenset[str]) -> bool:
    """A function word of the page's language ("Das", "Im", "Aus"); the stop lists also hold a few
    common given names ("Peter", "José"), which stay names."""
    from digest.importer.givennames import is_given_name

    low = word.casefold()
    if low.rstrip(".") in _ACADEMIC:
        return False
    if low in _FUNCTION_WORDS:
        return True
    # the stop lists are frequency lists: past the short function words they hold names ("Ольга")
    return low in stopwords and len(low) <= 4 and low not in _PARTICLES and not is_given_name(low)


def _core_count(name: str) -> int:
    return len([w for w in name.split() if w.lower() not in _PARTICLES])


def _is_handle(name: str) -> bool:
    return " " not in name and not name[:1].isupper()


def _ends_name(tokens: list[str], position: int) -> bool:
    """Nothing but page words after this token: "von gizzmo", "By admin on"."""
    rest = [t for t in tokens[position + 1:] if t not in (",", ";")]
    return all(t.lower() in _NOISE_WORDS for t in rest)


def _tidy(name: str) -> str:
    """'JOHN SMITH' -> 'John Smith'; 'Jane  Doe ,' -> 'Jane Doe'."""
    name = re.sub(r"\s+", " ", name).strip(" ,;:-")
    if re.search(r"[^\W\d_]{2,}\.$", name):
        name = name[:-1]  # "By Tatyana Turner." 
    words = name.split()
    if len(words) >= 2 and all(not any(c.islower() for c in w) for w in words):
        name = " ".join(_title_word(w) for w in words)
    return name


def _title_word(word: str) -> str:
    if len(word) <= 2 and word.endswith("."):
        return word
    return "-".join(part[:1] + part[1:].lower() for part in word.split("-"))


# ----------------------------------------------------------------------------- bare names


def _bare(text: str, segments: list[str], dated: bool, stopwords: frozenset[str]) -> Reading | None:
    """A line that is a name, with maybe a role, an outlet, a handle or a date beside it, and nothing
    else: "Dan Goodin - Apr 16, 2015", "Tom Krisher, AP Auto Writer", "Natasha Turak @NatashaTurak"."""
    if not segments or len(text) > 120 or re.match(r"^[–—-]", text):
        return None  # "— Jane Doe (@jane) May 3, 2021" signs a quoted tweet
    if text.rstrip().endswith(("!", "?", ":", ";")) and not dated:
        return None
    if text.rstrip().endswith(".") and not dated and not re.search(r"(?:^|\s)[^\W\d_]\.$", text.rstrip()):
        return None  # a sentence, unless it ends on an initial: "Juan Carlos Muñoz C."
    first = segments[0]
    words = first.split()
    if len(words) < 2 or len(words) > 12 or not words[0][:1].isupper() or not (
            words[1][:1].isupper() or words[1].lower() in _PARTICLES or words[1] in ("and", "und", "&", "y", "et")):
        return None  # a name opens with two capitalised words ("Anna Berg", "Anna von Berg")
    lead = text[: text.find(first.split()[0])] if first.split()[0] in text else ""
    if lead.strip() and not _dateish(lead):
        return None  # "2 Martin Truex Jr. 5035 7 0": a table row, not a byline
    names, tail = _walk(first, True, stopwords)
    if not names:
        return None
    words = [w for w in tail if w not in (",", ";")]
    role = bool(words) and all(w.lower().strip(",.") in _STOP_AFTER_NAME for w in words) and len(words) <= 5 \
        and any(w.lower().strip(",.") in _ROLE_WORDS for w in words)
    if words and not role and not _tail_is_affiliation(tail):
        return None
    if any(not (_is_noise(s) or len(s.split()) <= 2) for s in segments[1:]):
        return None
    return Reading("bare", names, True, dated, role, bool(_HANDLE.search(text)))


def _dateish(text: str) -> bool:
    """Text before a bare name that is only a date, a time or separators."""
    if re.search(r"\d", text) and _find_date(text) is None and not re.search(r"\d{1,2}[:.]\d{2}", text):
        return False
    masked = _mask_dates(text)
    return all(_is_noise(part) for part in re.split(r"[\x00|·•–—,/-]+", masked))


def _tail_is_affiliation(tail: list[str]) -> bool:
    """After "Name," an outlet or agency ("Business Insider", "dpa"), or words that end a name."""
    words = [w for w in tail if w not in (",", ";")]
    if tail and tail[0] in (",", ";"):
        if 0 < len(words) <= 8 and words[0].lower().strip(",.") in _ROLE_WORDS | _HONORIFICS and words[0][:1].isupper():
            return True  # "Sarah Hinger, Staff Attorney, ACLU Racial Justice Program"
        return 0 < len(words) <= 5 and all(w[:1].isupper() or w.lower() in _AGENCIES for w in words)
    if words and words[0].lower() in _PLACE_WORDS and 2 <= len(words) <= 4 and words[1][:1].isupper():
        return True  # "Mira Ostrova in Kelmsford"
    return all(w.lower().strip(",.") in _NOISE_WORDS for w in words)


def _meta(segments: list[str], stopwords: frozenset[str]) -> Reading | None:
    """A blog's meta line: dates, then the author, then categories or a comment count:
    "2. Februar 2020 Alexander Roll 1 Kommentar Inklusion", "19.10.2019 11:36 telebasel".
    The name is the first two capitalised words (or one user name) after the dates."""
    if sum(len(x) for x in segments) > 110:
        return None  # a sentence with a date in it
    from digest.importer.givennames import is_given_name

    for segment in segments:
        if _is_noise(segment):
            continue
        words = segment.replace(",", " , ").split()
        first = words[0]
        if _CAMEL_HANDLE.match(first) and (first.islower() or re.search(r"[a-z][A-Z]|\d|_", first)) \
                and first.lower() not in _STOP_AFTER_NAME | _FURNITURE | _PARTICLES | set(_MARKERS) \
                and not _is_stopword(first, stopwords) and first.casefold() not in stopwords \
                and (len(words) == 1 or not words[1][:1].islower()):
            return Reading("meta", (first,), False, True)
        group: list[str] = []
        for word in words:
            low = word.lower()
            if low in _PARTICLES and group:
                group.append(word)
                continue
            if word.endswith(":"):
                return None  # "Quelle: X", "Tags: X": a label this reader does not know
            if not _is_name_token(word) or low in _STOP_AFTER_NAME or low in _FURNITURE or _is_stopword(word, stopwords):
                break
            group.append(word)
            if len([w for w in group if w.lower() not in _PARTICLES and not _INITIALS.match(w)]) == 2:
                break
        while group and group[-1].lower() in _PARTICLES:
            group.pop()
        name = _tidy(" ".join(group))
        if _core_count(name) >= 2 and _plausible(name, True, stopwords):
            return Reading("meta", (name,), False, True)
        if len(words) == 1 and is_given_name(words[0]):
            return Reading("meta", (words[0],), False, True)  # "Tine 2. Februar 2020"
        return None
    return None


def parse_byline(line: str, source_name: str | None = None) -> tuple[str, ...] | None:
    """Author names if `line` is a byline ("By X", "Von X", "Autor: X", "dpa/AP"), else None.
    A bare name is not: whether "Anna Berg" is a byline depends on the lines around it."""
    if not may_credit(line):
        return None  # neither a marker word, a label nor a wire or desk word: no need to read it
    reading = read_line(line, marked_only=True)
    if reading is None or reading.kind not in ("marker", "label", "credit") or not reading.only:
        return None
    names = tuple(n for n in reading.names if not (source_name and name_key(n) == name_key(source_name)))
    return names or None
