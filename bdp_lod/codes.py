"""The catalogue of finding codes: every kind of finding the project emits, declared once.

Like frictionless keeps its errors, each kind has a stable code, a default severity, a short
title, an explanation for the data steward (what it means, how to fix it) and its message
templates in English and Polish with named parameters. Findings are made only here
(`Code.finding`), so a code, its wording and its documentation (``docs/findings.md``, written by
``python -m bdp_lod.findings_doc``) cannot drift apart. Call sites name a kind as a module
attribute (``codes.PAGE_UNKNOWN_FIELD``): a misspelt kind fails at import and in the type checker.

A kind whose sentence has more than one shape (a hint that is there or not, three reasons for
one ambiguity) has one template per *variant*; the variant is chosen by name, and a name or a
parameter the templates do not declare fails the first test that reaches it.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from enum import Enum
from typing import Iterable

from .findings import Finding, Message, Severity

__all__ = ["CATALOGUE", "DEFAULT", "Code", "Stage", "Template", "joined", "shacl_code"]

DEFAULT = "default"
"""The variant name of a kind with one sentence."""


@dataclass(frozen=True)
class Template:
    """A message with named ``{parameters}``, in English and Polish.

    A parameter given as a `Message` is bilingual: each language takes its own text.
    """

    en: str
    pl: str

    def __post_init__(self) -> None:
        if self.names(self.en) != self.names(self.pl):
            raise ValueError(f"the English and Polish templates name different parameters: {self.en!r}")

    @staticmethod
    def names(text: str) -> frozenset[str]:
        return frozenset(name for _, name, _, _ in string.Formatter().parse(text) if name)

    @property
    def parameters(self) -> frozenset[str]:
        return self.names(self.en)

    def render(self, **params: object) -> Message:
        if set(params) != self.parameters:
            raise TypeError(f"template {self.en!r} takes {sorted(self.parameters)}, got {sorted(params)}")
        en = {k: v.en if isinstance(v, Message) else v for k, v in params.items()}
        pl = {k: v.pl if isinstance(v, Message) else v for k, v in params.items()}
        return Message(en=self.en.format(**en), pl=self.pl.format(**pl))


def joined(messages: Iterable[Message], separator: str = "; ") -> Message:
    """Several rendered messages as one, each language joined on its own."""
    listed = list(messages)
    return Message(en=separator.join(m.en for m in listed), pl=separator.join(m.pl for m in listed))


class Stage(Enum):
    """Where a finding is made; ``docs/findings.md`` is grouped by it, in this order."""

    PAGE = ("page", Message(en="Reading pages of the good-practice database", pl="Odczyt stron Bazy Dobrych Praktyk"))
    CSV = ("csv", Message(en="Reading spreadsheets (CSV)", pl="Odczyt arkuszy (CSV)"))
    SCHEMA = ("schema", Message(en="The submission JSON Schema", pl="Schemat JSON zgłoszenia"))
    NORMALIZE = ("normalize", Message(en="Normalising values", pl="Normalizacja wartości"))
    TERYT = ("teryt", Message(en="Resolving units in the TERC register", pl="Rozpoznawanie jednostek w rejestrze TERC"))
    PRACTICE = ("practice", Message(en="Merging records of one practice", pl="Łączenie rekordów jednej praktyki"))
    RECORD = ("record", Message(en="Rules of a publishable record", pl="Reguły rekordu do publikacji"))
    SHACL = ("shacl", Message(en="SHACL shapes", pl="Kształty SHACL"))

    @property
    def prefix(self) -> str:
        return str(self.value[0])

    @property
    def title(self) -> Message:
        title: Message = self.value[1]
        return title


@dataclass(frozen=True)
class Code:
    """One kind of finding."""

    code: str
    """Stable machine-readable kind: ``<stage>.<name>``."""
    severity: Severity
    """The severity a finding of this kind has unless a shape says otherwise."""
    title: Message
    explanation: Message
    """What the finding means and how to fix it."""
    templates: dict[str, Template] = field(default_factory=dict)
    """The message, by variant; empty for SHACL kinds without a generic sentence."""
    component: str | None = None
    """SHACL kinds: the constraint component IRI."""
    evaluated_by: str | None = None
    """SHACL kinds: ``engine`` (the in-house engine) or ``pyshacl`` (only foreign shapes use it)."""

    @property
    def stage(self) -> Stage:
        prefix = self.code.split(".", 1)[0]
        return next(stage for stage in Stage if stage.prefix == prefix)

    def message(self, variant: str = DEFAULT, /, **params: object) -> Message:
        """The message of ``variant`` with ``params`` filled in."""
        try:
            template = self.templates[variant]
        except KeyError:
            raise KeyError(f"{self.code} has no variant {variant!r} (it has {sorted(self.templates)})") from None
        return template.render(**params)

    def finding(
        self,
        variant: str = DEFAULT,
        /,
        *,
        file: str | None = None,
        record_index: int | None = None,
        record_id: str | None = None,
        field: str | None = None,
        value: str | None = None,
        line: int | None = None,
        **params: object,
    ) -> Finding:
        """A finding of this kind, its message made from ``variant``'s template and ``params``."""
        return self.as_finding(
            self.message(variant, **params),
            file=file, record_index=record_index, record_id=record_id, field=field, value=value, line=line,
        )

    def as_finding(self, message: Message, *, severity: Severity | None = None, **where: object) -> Finding:
        """A finding of this kind whose message is made already: by `message` of this kind, or
        by a SHACL shape's own ``sh:message``."""
        return Finding(severity or self.severity, self.code, message, **where)  # type: ignore[arg-type]  # where names Finding fields; the dataclass checks them at run time


def _one(en: str, pl: str) -> dict[str, Template]:
    return {DEFAULT: Template(en=en, pl=pl)}


def _m(en: str, pl: str) -> Message:
    return Message(en=en, pl=pl)


# --- page ------------------------------------------------------------------------------------------

PAGE_NOT_A_PRACTICE = Code(
    "page.not-a-practice", Severity.VIOLATION,
    _m("Not a good-practice page", "To nie jest strona dobrej praktyki"),
    _m("The file has no \"Metryka praktyki\" block or no practice title, so it is not a page of the "
       "good-practice database (or it was saved incompletely). Save the whole practice page again, "
       "or leave the file out of the inputs.",
       "Plik nie ma bloku „Metryka praktyki” albo tytułu praktyki, więc nie jest stroną Bazy Dobrych "
       "Praktyk (albo zapisano go niekompletnie). Zapisz całą stronę praktyki ponownie albo pomiń plik."),
    {
        "no-metryka": Template(
            en='no "Metryka praktyki" block: not a good-practice database page',
            pl="brak bloku „Metryka praktyki”: to nie jest strona Bazy Dobrych Praktyk",
        ),
        "no-title": Template(
            en='no practice title (after the category breadcrumb or before the ".: Skrót i Metryka" '
            "link bar): not a good-practice database page",
            pl="brak tytułu praktyki (po ścieżce kategorii lub przed paskiem „.: Skrót i Metryka”): "
            "to nie jest strona Bazy Dobrych Praktyk",
        ),
    },
)
PAGE_MISSING_FIELD = Code(
    "page.missing-field", Severity.VIOLATION,
    _m("A page lacks a required part", "Stronie brakuje wymaganej części"),
    _m("A record cannot be built without a description, the unit (\"Miejscowość\") and the "
       "implementing institution (\"Jednostka wdrażająca\"); the page does not give this one. "
       "Check that the page was saved whole.",
       "Rekordu nie da się zbudować bez opisu, jednostki („Miejscowość”) i jednostki wdrażającej "
       "(„Jednostka wdrażająca”); strona tej części nie podaje. Sprawdź, czy zapisano całą stronę."),
    {
        "description": Template(
            en='no description between the title and "Metryka praktyki"',
            pl="brak opisu między tytułem a „Metryka praktyki”",
        ),
        "unit": Template(
            en='the Metryka names no "Miejscowość" (the unit)',
            pl="metryka nie podaje pola „Miejscowość” (jednostka)",
        ),
        "institution": Template(
            en='the Metryka names no "Jednostka wdrażająca" (the implementing institution)',
            pl="metryka nie podaje pola „Jednostka wdrażająca”",
        ),
    },
)
PAGE_NO_BREADCRUMB = Code(
    "page.no-breadcrumb", Severity.WARNING,
    _m("No category breadcrumb", "Brak ścieżki kategorii"),
    _m("The theme is read from the \"Section : Subcategory\" line above the title; without it the "
       "practice has no theme. Add the theme to the record by hand if it matters.",
       "Obszar tematyczny jest odczytywany z wiersza „Sekcja : Podkategoria” nad tytułem; bez niego "
       "praktyka nie ma obszaru. W razie potrzeby dopisz obszar do rekordu ręcznie."),
    _one(
        en='no category breadcrumb ("Section : Subcategory") above the title: theme left empty',
        pl="brak ścieżki kategorii („Sekcja : Podkategoria”) nad tytułem: obszar tematyczny pusty",
    ),
)
PAGE_UNKNOWN_THEME = Code(
    "page.unknown-theme", Severity.WARNING,
    _m("The breadcrumb names no known theme", "Ścieżka kategorii nie wskazuje znanego obszaru"),
    _m("Neither the subcategory nor the section of the breadcrumb is a theme of the theme scheme "
       "(vocab/); the section is used when it is one, otherwise the theme is left empty.",
       "Ani podkategoria, ani sekcja ścieżki nie jest obszarem schematu obszarów tematycznych "
       "(vocab/); przyjmowana jest sekcja, jeśli nim jest, w przeciwnym razie obszar zostaje pusty."),
    {
        "from-section": Template(
            en='the breadcrumb "{crumb}" names no known theme; theme taken from "{section}"',
            pl="ścieżka kategorii „{crumb}” nie wskazuje znanego obszaru tematycznego; obszar przyjęto z „{section}”",
        ),
        "empty": Template(
            en='the breadcrumb "{crumb}" names no known theme; theme left empty',
            pl="ścieżka kategorii „{crumb}” nie wskazuje znanego obszaru tematycznego; obszar tematyczny pusty",
        ),
    },
)
PAGE_BREADCRUMB_MISMATCH = Code(
    "page.breadcrumb-mismatch", Severity.WARNING,
    _m("The breadcrumb contradicts the theme tree", "Ścieżka kategorii przeczy drzewu obszarów"),
    _m("The page's breadcrumb is built from its address and its section can be wrong; the "
       "subcategory is trusted. Check the theme of the record.",
       "Ścieżka kategorii powstaje z adresu strony i jej sekcja bywa błędna; przyjmowana jest "
       "podkategoria. Sprawdź obszar tematyczny rekordu."),
    _one(
        en='the breadcrumb "{crumb}" does not match the theme tree; theme taken from "{sub}"',
        pl="ścieżka kategorii „{crumb}” nie zgadza się z drzewem obszarów; obszar przyjęto z „{sub}”",
    ),
)
PAGE_UNKNOWN_FIELD = Code(
    "page.unknown-field", Severity.WARNING,
    _m("Unknown Metryka field", "Nieznane pole metryki"),
    _m("The Metryka has a label the reader does not map to the model; its value is kept in "
       "extra and published as a note. If the label is a known field misspelt, correct it.",
       "Metryka zawiera etykietę, której czytnik nie odwzorowuje na model; wartość trafia do extra "
       "i jest publikowana jako uwaga. Jeśli to znane pole z literówką, popraw etykietę."),
    _one(
        en='unknown Metryka field "{label}": kept in extra, not mapped',
        pl="nieznane pole metryki „{label}”: zachowane w extra, bez odwzorowania",
    ),
)
PAGE_DUPLICATE_FIELD = Code(
    "page.duplicate-field", Severity.WARNING,
    _m("A Metryka field given twice", "Pole metryki podane dwukrotnie"),
    _m("Only the first value of a repeated Metryka field is read. Check which one is right.",
       "Odczytywana jest tylko pierwsza wartość powtórzonego pola metryki. Sprawdź, która jest właściwa."),
    _one(
        en='"{label}" appears twice in the Metryka; the first value is kept',
        pl="„{label}” występuje w metryce dwukrotnie; zachowano pierwszą wartość",
    ),
)
PAGE_UNPARSED_LINE = Code(
    "page.unparsed-line", Severity.WARNING,
    _m("An unreadable Metryka line", "Nieczytelny wiersz metryki"),
    _m("A Metryka line that is neither \"Label: value\" nor an indented contact detail is "
       "skipped; its text is lost from the record.",
       "Wiersz metryki, który nie jest ani „Etykieta: wartość”, ani wciętą daną kontaktową, jest "
       "pomijany; jego treść nie trafia do rekordu."),
    _one(
        en='a line of the Metryka is neither a "Label: value" field nor a contact detail; skipped',
        pl="wiersz metryki nie jest ani polem „Etykieta: wartość”, ani daną kontaktową; pominięty",
    ),
)

# --- csv -------------------------------------------------------------------------------------------

CSV_UNKNOWN_COLUMN = Code(
    "csv.unknown-column", Severity.WARNING,
    _m("Unknown column", "Nieznana kolumna"),
    _m("The header names a column that is not in docs/input-formats.md; its values are kept "
       "in extra. Rename the column if it is a known one misspelt.",
       "Nagłówek zawiera kolumnę spoza docs/input-formats.md; jej wartości trafiają do extra. "
       "Popraw nazwę, jeśli to znana kolumna z literówką."),
    {
        "suggested": Template(
            en="unknown column '{name}' (did you mean '{close}'?); its values are kept in 'extra'",
            pl="nieznana kolumna '{name}' (czy chodziło o '{close}'?); jej wartości trafiają do 'extra'",
        ),
        "plain": Template(
            en="unknown column '{name}'; its values are kept in 'extra'",
            pl="nieznana kolumna '{name}'; jej wartości trafiają do 'extra'",
        ),
    },
)
CSV_ROW_LENGTH = Code(
    "csv.row-length", Severity.VIOLATION,
    _m("More cells than columns", "Więcej komórek niż kolumn"),
    _m("A row has filled cells beyond the columns the header names, so some values would have "
       "no field. Usually a separator inside a cell that is not quoted.",
       "Wiersz ma wypełnione komórki poza kolumnami nagłówka, więc część wartości nie miałaby pola. "
       "Zwykle to separator wewnątrz komórki bez cudzysłowu."),
    _one(
        en="the row has {cells} cells but the header names only {width} columns",
        pl="wiersz ma {cells} komórek, a nagłówek nazywa tylko {width} kolumn",
    ),
)
CSV_BOOLEAN = Code(
    "csv.boolean", Severity.VIOLATION,
    _m("Not a yes/no value", "To nie jest wartość tak/nie"),
    _m("A yes/no column takes tak/nie, true/false, yes/no or 1/0.",
       "Kolumna tak/nie przyjmuje tak/nie, true/false, yes/no lub 1/0."),
    _one(
        en="'{given}' is not a yes/no value (tak/nie, true/false, 1/0)",
        pl="'{given}' nie jest wartością tak/nie (tak/nie, true/false, 1/0)",
    ),
)
IN_COLUMN = Template(en="column '{column}': {message}", pl="kolumna '{column}': {message}")
"""How a spreadsheet finding names the column behind its field."""

# --- schema ----------------------------------------------------------------------------------------

_SCHEMA_FIX = _m(" Correct the value in the source file.", " Popraw wartość w pliku źródłowym.")


def _schema(keyword: str, title: Message, explanation: Message, templates: dict[str, Template]) -> Code:
    return Code(f"schema.{keyword}", Severity.VIOLATION, title, explanation, templates)


SCHEMA_REQUIRED = _schema(
    "required", _m("A required field is missing", "Brak wymaganego pola"),
    _m("The submission schema (shapes/submission.schema.json) requires this field. Add it.",
       "Schemat zgłoszenia (shapes/submission.schema.json) wymaga tego pola. Dodaj je."),
    _one(en="required field '{name}' is missing", pl="brak wymaganego pola '{name}'"),
)
SCHEMA_ADDITIONAL_PROPERTIES = _schema(
    "additionalProperties", _m("Unknown field", "Nieznane pole"),
    _m("The schema does not know this field, so its value would be lost; usually a misspelt name "
       "(the message suggests the closest). Rename it, or put free notes in extra.",
       "Schemat nie zna tego pola, więc jego wartość by przepadła; zwykle to literówka (komunikat "
       "podpowiada najbliższą nazwę). Popraw nazwę albo umieść dowolne uwagi w extra."),
    {
        "suggested": Template(
            en="unknown field '{name}' (did you mean '{close}'?)",
            pl="nieznane pole '{name}' (czy chodziło o '{close}'?)",
        ),
        "plain": Template(en="unknown field '{name}'", pl="nieznane pole '{name}'"),
    },
)
SCHEMA_TYPE = _schema(
    "type", _m("A value of the wrong type", "Wartość złego typu"),
    _m("The field holds another kind of value than the schema says (text, number, list…)." + _SCHEMA_FIX.en,
       "Pole zawiera inny rodzaj wartości, niż podaje schemat (tekst, liczba, lista…)." + _SCHEMA_FIX.pl),
    {
        "string": Template(en="{given} is not a text", pl="{given} nie jest tekstem"),
        "integer": Template(en="{given} is not a whole number", pl="{given} nie jest liczbą całkowitą"),
        "boolean": Template(
            en="{given} is not true or false", pl="{given} nie jest wartością logiczną (true lub false)"
        ),
        "array": Template(en="{given} is not a list", pl="{given} nie jest listą"),
        "object": Template(en="{given} is not an object", pl="{given} nie jest obiektem"),
    },
)
SCHEMA_ENUM = _schema(
    "enum", _m("Not an allowed value", "Niedozwolona wartość"),
    _m("The field takes one value of a fixed list (a concept identifier, a voivodeship…)." + _SCHEMA_FIX.en,
       "Pole przyjmuje jedną wartość ze stałej listy (identyfikator pojęcia, województwo…)." + _SCHEMA_FIX.pl),
    {
        "suggested": Template(
            en="{given} is not an allowed value (did you mean '{close}'?)",
            pl="{given} nie jest dozwoloną wartością (czy chodziło o '{close}'?)",
        ),
        "listed": Template(
            en="{given} is not an allowed value (allowed: {allowed})",
            pl="{given} nie jest dozwoloną wartością (dozwolone: {allowed})",
        ),
    },
)
SCHEMA_PATTERN = _schema(
    "pattern", _m("A value of the wrong form", "Wartość złej postaci"),
    _m("The value does not have the form the schema requires (a postal code NN-NNN, a TERC code, "
       "an address…)." + _SCHEMA_FIX.en,
       "Wartość nie ma postaci wymaganej przez schemat (kod pocztowy NN-NNN, kod TERC, adres…)." + _SCHEMA_FIX.pl),
    {
        "blank": Template(en="{given} is blank (the field needs text)", pl="{given} jest puste (pole wymaga tekstu)"),
        "postal-code": Template(
            en="{given} is not a Polish postal code (NN-NNN)", pl="{given} nie jest kodem pocztowym (NN-NNN)"
        ),
        "record-id": Template(
            en="{given} is not a record id (lower-case letters, digits and hyphens)",
            pl="{given} nie jest identyfikatorem rekordu (małe litery, cyfry i łączniki)",
        ),
        "http": Template(en="{given} is not an http or https address", pl="{given} nie jest adresem http ani https"),
        "website": Template(
            en="{given} is not a website address", pl="{given} nie jest adresem strony internetowej"
        ),
        "terc": Template(
            en="{given} is not a TERC code (2, 4 or 7 digits)", pl="{given} nie jest kodem TERC (2, 4 lub 7 cyfr)"
        ),
        "phone": Template(
            en="{given} is not a phone number (digits, spaces and + ( ) . - / only)",
            pl="{given} nie jest numerem telefonu (dozwolone cyfry, spacje i znaki + ( ) . - /)",
        ),
        "iso-date": Template(
            en="{given} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)",
            pl="{given} nie jest datą ISO (RRRR, RRRR-MM lub RRRR-MM-DD)",
        ),
        "other": Template(
            en="{given} does not match the required pattern {pattern}",
            pl="{given} nie pasuje do wymaganego wzorca {pattern}",
        ),
    },
)
SCHEMA_FORMAT = _schema(
    "format", _m("A value of the wrong format", "Wartość złego formatu"),
    _m("The value is not a date, an e-mail address or a URI where the schema asks for one." + _SCHEMA_FIX.en,
       "Wartość nie jest datą, adresem e-mail ani URI tam, gdzie schemat tego wymaga." + _SCHEMA_FIX.pl),
    {
        "date": Template(en="{given} is not a date (YYYY-MM-DD)", pl="{given} nie jest datą (RRRR-MM-DD)"),
        "email": Template(en="{given} is not an e-mail address", pl="{given} nie jest adresem e-mail"),
        "uri": Template(en="{given} is not a URI", pl="{given} nie jest adresem URI"),
    },
)
SCHEMA_MINIMUM = _schema(
    "minimum", _m("A number too small", "Za mała liczba"),
    _m("The number is below the least value the schema allows (a population cannot be negative)." + _SCHEMA_FIX.en,
       "Liczba jest mniejsza od najmniejszej wartości dopuszczonej przez schemat (liczba mieszkańców "
       "nie może być ujemna)." + _SCHEMA_FIX.pl),
    _one(en="{given} is less than {least}", pl="{given} jest mniejsze niż {least}"),
)
SCHEMA_ANY_OF = _schema(
    "anyOf", _m("None of the alternatives given", "Nie podano żadnej z możliwości"),
    _m("At least one of the named fields is needed (a contact needs a phone or an e-mail). Add one.",
       "Potrzebne jest co najmniej jedno z wymienionych pól (kontakt wymaga telefonu lub e-maila). Dodaj je."),
    _one(en="at least one of {names} is required", pl="wymagane jest co najmniej jedno z pól: {names}"),
)

# --- normalize ------------------------------------------------------------------------------------

_NORMALIZE_WHY = (
    "The value passed the schema but cannot be made canonical, so the same practice from "
    "another source would not become the same record. "
)
_NORMALIZE_WHY_PL = (
    "Wartość przeszła schemat, ale nie da się jej sprowadzić do postaci kanonicznej, więc ta sama "
    "praktyka z innego źródła nie dałaby tego samego rekordu. "
)


def _normalize(name: str, title: Message, how: Message, templates: dict[str, Template]) -> Code:
    explanation = _m(_NORMALIZE_WHY + how.en, _NORMALIZE_WHY_PL + how.pl)
    return Code(f"normalize.{name}", Severity.VIOLATION, title, explanation, templates)


NORMALIZE_PHONE = _normalize(
    "phone", _m("Not a valid phone number", "Niepoprawny numer telefonu"),
    _m("Give the number with its area code; numbers abroad with their +country code.",
       "Podaj numer z numerem kierunkowym; numery zagraniczne z kodem kraju (+…)."),
    _one(en="'{given}' is not a valid phone number", pl="'{given}' nie jest poprawnym numerem telefonu"),
)
NORMALIZE_EMAIL = _normalize(
    "email", _m("Not an e-mail address", "To nie jest adres e-mail"),
    _m("Give one address of the form name@domain.pl.", "Podaj jeden adres postaci nazwa@domena.pl."),
    _one(en="'{given}' is not an e-mail address", pl="'{given}' nie jest adresem e-mail"),
)
NORMALIZE_WEBSITE = _normalize(
    "website", _m("Not a website address", "To nie jest adres strony"),
    _m("Give an http(s) address or a host name such as www.czersk.pl.",
       "Podaj adres http(s) albo nazwę hosta, np. www.czersk.pl."),
    _one(en="'{given}' is not a website address", pl="'{given}' nie jest adresem strony internetowej"),
)
NORMALIZE_DATE = _normalize(
    "date", _m("Not a date", "To nie jest data"),
    _m("Give an existing day as YYYY-MM-DD (28.06.2013 and \"10 stycznia 2023\" are read too).",
       "Podaj istniejący dzień jako RRRR-MM-DD (odczytywane są też 28.06.2013 i „10 stycznia 2023”)."),
    _one(
        en="'{given}' is not a date (expected YYYY-MM-DD)",
        pl="'{given}' nie jest datą (oczekiwano RRRR-MM-DD)",
    ),
)
NORMALIZE_POPULATION = _normalize(
    "population", _m("Not a number of inhabitants", "To nie jest liczba mieszkańców"),
    _m("Give a whole number; dots and spaces as thousands separators are allowed (21.224, 21 224).",
       "Podaj liczbę całkowitą; kropki i spacje jako separatory tysięcy są dozwolone (21.224, 21 224)."),
    _one(en="'{given}' is not a number of inhabitants", pl="'{given}' nie jest liczbą mieszkańców"),
)
NORMALIZE_VOIVODESHIP = _normalize(
    "voivodeship", _m("Not a voivodeship", "To nie jest województwo"),
    _m("Give one of the 16 voivodeships by its Polish name (pomorskie, małopolskie…).",
       "Podaj jedno z 16 województw jego polską nazwą (pomorskie, małopolskie…)."),
    _one(en="'{given}' is not one of the 16 voivodeships", pl="'{given}' nie jest jednym z 16 województw"),
)
NORMALIZE_CONCEPT = _normalize(
    "concept", _m("Not a known concept", "Nieznane pojęcie"),
    _m("Give a unit type, theme or programme by its identifier or label in the concept schemes "
       "of vocab/.",
       "Podaj typ jednostki, obszar tematyczny lub program jego identyfikatorem albo etykietą ze "
       "schematów pojęć w vocab/."),
    {
        "unit-type": Template(en="'{given}' is not a known unit type", pl="'{given}' nie jest znanym typem jednostki"),
        "theme": Template(en="'{given}' is not a known theme", pl="'{given}' nie jest znanym obszarem tematycznym"),
        "programme": Template(en="'{given}' is not a known programme", pl="'{given}' nie jest znanym programem"),
    },
)

# --- teryt ----------------------------------------------------------------------------------------

_TERYT_UNRESOLVED_NOTE = _m(
    " An unresolved unit is published under an IRI made from its name instead of its TERC code.",
    " Nierozpoznana jednostka jest publikowana pod IRI utworzonym z nazwy zamiast kodu TERC.",
)

TERYT_UNRESOLVED = Code(
    "teryt.unresolved", Severity.VIOLATION,
    _m("Unit not found in the register", "Jednostki nie ma w rejestrze"),
    _m("No unit of the TERC register answers to the source's unit: a name the register does not "
       "know, or a unit of that name in another voivodeship, type or powiat. A practice of no "
       "local government cannot be published (docs/shapes.md, \"The rules of a publishable "
       "record\"). Check the name, type and voivodeship against the register (bdp-lod teryt "
       "lookup)." + _TERYT_UNRESOLVED_NOTE.en,
       "Żadna jednostka rejestru TERC nie odpowiada jednostce ze źródła: rejestr nie zna nazwy "
       "albo jednostka o tej nazwie leży w innym województwie, ma inny typ lub powiat. Praktyki "
       "żadnego samorządu nie można opublikować (docs/shapes.md). Sprawdź nazwę, typ i "
       "województwo w rejestrze (bdp-lod teryt lookup)." + _TERYT_UNRESOLVED_NOTE.pl),
    {
        "voivodeship": Template(
            en="'{name}' is not a voivodeship in {register}", pl="'{name}' nie jest województwem w {register}"
        ),
        "city-part": Template(
            en="'{name}' is not a local government unit in {register}: {parts}",
            pl="'{name}' nie jest jednostką samorządu terytorialnego w {register}: {parts}",
        ),
        "elsewhere": Template(
            en="no unit in {register} matches '{name}' as given; units of that name: {found}",
            pl="żadna jednostka w {register} nie odpowiada '{name}' z podanymi danymi; "
            "jednostki o tej nazwie: {found}",
        ),
        "unknown-name": Template(
            en="'{name}' is not the name of a unit in {register}",
            pl="'{name}' nie jest nazwą jednostki w {register}",
        ),
    },
)
CITY_PART = Template(en="{name} ({code}) is a {kind} of {city}", pl="{name} ({code}) to {kind} miasta {city}")
"""How a unresolved-unit message names a city part (dzielnica, delegatura) of that name."""
TERYT_AMBIGUOUS = Code(
    "teryt.ambiguous", Severity.WARNING,
    _m("More than one unit fits", "Pasuje więcej niż jedna jednostka"),
    _m("The source's unit fits several units of the register and resolution never guesses. Give "
       "the TERC code, or the unit type and powiat that tell them apart." + _TERYT_UNRESOLVED_NOTE.en,
       "Jednostka ze źródła pasuje do kilku jednostek rejestru, a rozpoznawanie nigdy nie zgaduje. "
       "Podaj kod TERC albo typ jednostki i powiat, które je rozróżniają." + _TERYT_UNRESOLVED_NOTE.pl),
    {
        "codes": Template(
            en="the codes name {count} different units in {register}: {found}",
            pl="kody wskazują {count} różne jednostki w {register}: {found}",
        ),
        "city-part": Template(
            en="'{name}' names a unit and a city part in {register}, and the source's unit type "
            "does not say which: {found}; {parts}",
            pl="'{name}' to nazwa jednostki i części miasta w {register}, a typ jednostki w źródle "
            "nie wskazuje której: {found}; {parts}",
        ),
        "candidates": Template(
            en="'{name}' matches {count} units in {register}, and the source does not say which: {found}",
            pl="'{name}' odpowiada {count} jednostkom w {register}, a źródło nie wskazuje której: {found}",
        ),
    },
)
TERYT_UNKNOWN_CODE = Code(
    "teryt.unknown-code", Severity.WARNING,
    _m("Not a TERC code", "To nie jest kod TERC"),
    _m("The code is not in the register edition used; an old code of a reclassified gmina is "
       "followed through its first six digits. Replace it by the current code.",
       "Kodu nie ma w użytym wydaniu rejestru; stary kod gminy o zmienionym typie jest rozpoznawany "
       "po pierwszych sześciu cyfrach. Zastąp go aktualnym kodem."),
    {
        "plain": Template(en="'{code}' is not a code in {register}", pl="'{code}' nie jest kodem w {register}"),
        "rekeyed": Template(
            en="'{code}' is not a code in {register}; the unit keyed {key} is {found}",
            pl="'{code}' nie jest kodem w {register}; jednostka o kluczu {key} to {found}",
        ),
    },
)
TERYT_TYPE_MISMATCH = Code(
    "teryt.type-mismatch", Severity.WARNING,
    _m("The unit type differs from the register", "Typ jednostki różni się od rejestru"),
    _m("The unit was found, but the register gives it another type; the register's is published. "
       "Correct the type in the source.",
       "Jednostkę znaleziono, ale rejestr podaje inny typ; publikowany jest typ z rejestru. "
       "Popraw typ w źródle."),
    _one(
        en="the source gives the unit type '{label}', but in {register} the unit is {found}",
        pl="źródło podaje typ jednostki '{label}', a w {register} jednostka to {found}",
    ),
)
TERYT_POWIAT_MISMATCH = Code(
    "teryt.powiat-mismatch", Severity.WARNING,
    _m("The powiat differs from the register", "Powiat różni się od rejestru"),
    _m("The source's powiat does not exist or holds none of the candidates, so it was set "
       "aside. Correct the powiat in the source.",
       "Powiat ze źródła nie istnieje albo nie obejmuje żadnego z kandydatów, więc go pominięto. "
       "Popraw powiat w źródle."),
    {
        "no-powiat": Template(
            en="'{powiat}' is not a powiat in {register}; '{name}' is {found}",
            pl="'{powiat}' nie jest powiatem w {register}; '{name}' to {found}",
        ),
        "no-powiat-in-voivodeship": Template(
            en="'{powiat}' is not a powiat of {voivodeship} in {register}; '{name}' is {found}",
            pl="'{powiat}' nie jest powiatem województwa {voivodeship} w {register}; '{name}' to {found}",
        ),
        "elsewhere": Template(
            en="'{name}' is not in powiat '{powiat}' in {register}, but: {found}",
            pl="'{name}' nie leży w powiecie '{powiat}' w {register}, lecz: {found}",
        ),
    },
)

# --- practice -------------------------------------------------------------------------------------

PRACTICE_CONFLICTING_DUPLICATE = Code(
    "practice.conflicting-duplicate", Severity.VIOLATION,
    _m("Two records of one practice differ", "Dwa rekordy jednej praktyki się różnią"),
    _m("Records with the same practice IRI are merged when they are equal; these differ, so "
       "neither can be published as the practice. Make them equal or give them different ids.",
       "Rekordy o tym samym IRI praktyki są łączone, gdy są równe; te się różnią, więc żadnego nie "
       "można opublikować jako tej praktyki. Ujednolić je albo nadaj im różne identyfikatory."),
    _one(
        en="another record ({other_file}, record {other_index}) describes the same practice {iri} differently",
        pl="inny rekord ({other_file}, rekord {other_index}) opisuje tę samą praktykę {iri} inaczej",
    ),
)

# --- record ---------------------------------------------------------------------------------------

RECORD_POPULATION_FOR_TYPE = Code(
    "record.population-for-type", Severity.WARNING,
    _m("More inhabitants than a unit of its type has", "Więcej mieszkańców, niż ma jednostka tego typu"),
    _m("The population is more than the most populous unit of the unit's type has (bounds in "
       "docs/shapes.md, from GUS). Often a digit too many, or the population of the powiat or "
       "voivodeship given for a gmina. Check the number against GUS's Bank Danych Lokalnych.",
       "Liczba mieszkańców przekracza liczbę mieszkańców najludniejszej jednostki tego typu "
       "(granice w docs/shapes.md, według GUS). Zwykle to cyfra za dużo albo liczba mieszkańców "
       "powiatu lub województwa podana dla gminy. Sprawdź liczbę w Banku Danych Lokalnych GUS."),
    _one(
        en="{given} inhabitants is more than any {type} has (at most {bound}); check the number",
        pl="{given} mieszkańców to więcej, niż ma jakakolwiek jednostka typu {type} (najwyżej {bound}); sprawdź liczbę",
    ),
)
RECORD_POSTAL_DISTRICT = Code(
    "record.postal-district", Severity.WARNING,
    _m("A postal code of another region", "Kod pocztowy innego regionu"),
    _m("The first digit of a Polish postal code is its postal district (Poczta Polska: 0 Warszawa, "
       "1 Olsztyn, 2 Lublin, 3 Kraków, 4 Katowice, 5 Wrocław, 6 Poznań, 7 Szczecin, 8 Gdańsk, "
       "9 Łódź), and each voivodeship lies in a few districts (docs/shapes.md). A code of a "
       "district that serves no part of the unit's voivodeship is usually a mistyped code or the "
       "address of another office. Check the code in Poczta Polska's postal code list.",
       "Pierwsza cyfra polskiego kodu pocztowego to okręg pocztowy (Poczta Polska: 0 Warszawa, "
       "1 Olsztyn, 2 Lublin, 3 Kraków, 4 Katowice, 5 Wrocław, 6 Poznań, 7 Szczecin, 8 Gdańsk, "
       "9 Łódź), a każde województwo leży w kilku okręgach (docs/shapes.md). Kod okręgu, który nie "
       "obsługuje żadnej części województwa jednostki, to zwykle literówka albo adres innego urzędu. "
       "Sprawdź kod w spisie kodów pocztowych Poczty Polskiej."),
    _one(
        en="the postal code {given} is in postal district {digit} ({district}), which serves no part "
        "of {voivodeship}; codes there begin with {digits}",
        pl="kod pocztowy {given} należy do okręgu pocztowego {digit} ({district}), który nie obsługuje "
        "żadnej części województwa {voivodeship}; kody tam zaczynają się od {digits}",
    ),
)

RECORD_RENAMED = Code(
    "record.renamed", Severity.WARNING,
    _m("The practice would get a new IRI", "Praktyka dostałaby nowy IRI"),
    _m("The previous edition (validate --previous, publish --previous) has a practice with this "
       "record's source_url (or id) under another IRI. A practice without an id is named by its "
       "title's slug and its date, so correcting the title or the date renames it, and every link "
       "to the old IRI (from a portal, a search engine, another data set) would lead to a redirect "
       "instead of the practice. Publishing anyway retires the old IRI as replaced by the new one "
       "(dcterms:isReplacedBy, 301). To keep the old IRI, set the record's id to the last segment "
       "of the old IRI, as the message says.",
       "Poprzednie wydanie (validate --previous, publish --previous) ma praktykę o tym samym "
       "source_url (lub id) pod innym IRI. Praktyka bez id jest nazwana skrótem tytułu i datą, więc "
       "poprawka tytułu lub daty zmienia jej nazwę, a każdy odnośnik do starego IRI (z portalu, "
       "wyszukiwarki, innego zbioru) prowadziłby do przekierowania zamiast do praktyki. Publikacja "
       "mimo to wycofuje stary IRI jako zastąpiony nowym (dcterms:isReplacedBy, 301). Aby zachować "
       "stary IRI, ustaw id rekordu na ostatni człon starego IRI, jak mówi komunikat."),
    _one(
        en="the practice with this {matched} was {old} in the previous edition and would become {new}; "
        "set \"id\": \"{key}\" to keep its IRI",
        pl="praktyka o tym {matched} miała w poprzednim wydaniu IRI {old}, a dostałaby {new}; "
        "ustaw \"id\": \"{key}\", aby zachować jej IRI",
    ),
)

_CONFLICT_FIX = ("; the published graph would hold every value they give. Make the records agree.",
                 "; opublikowany graf zawierałby każdą podaną wartość. Ujednolić rekordy.")
RECORD_CONFLICT = Code(
    "record.conflict", Severity.VIOLATION,
    _m("Records disagree about a shared node", "Rekordy nie zgadzają się co do wspólnego węzła"),
    _m("Records that name the same institution (the same name in the same unit) describe one "
       "institution of the published graph, and with it its address, its contacts and its unit "
       "(records that attach the same file describe one attachment); the graph keeps every value "
       "they give, so the office would have two streets or a contact two positions. The finding names the field and every record involved (file, record, "
       "line) with the value each gives (none: the record leaves the field out), in place of the "
       "SHACL results \"at most one value\" the disagreement causes. Correct the records that are "
       "wrong so that all give the same value; if they are two offices, give them names that tell "
       "them apart.",
       "Rekordy, które wskazują tę samą instytucję (ta sama nazwa w tej samej jednostce), opisują "
       "jedną instytucję opublikowanego grafu, a z nią jej adres, kontakty i jednostkę (rekordy "
       "z tym samym plikiem załącznika opisują jeden załącznik); graf "
       "zachowuje każdą podaną wartość, więc urząd miałby dwie ulice, a kontakt dwa stanowiska. "
       "Znalezisko wskazuje pole i każdy rekord, którego to dotyczy (plik, rekord, wiersz), z "
       "wartością, którą podaje (brak: rekord pomija to pole), zamiast wyników SHACL „najwyżej "
       "jedna wartość”, które ta niezgodność powoduje. Popraw błędne rekordy tak, by wszystkie "
       "podawały tę samą wartość; jeśli to dwa różne urzędy, nadaj im rozróżniające nazwy."),
    {
        "institution": Template(
            en="{count} records disagree about the institution \"{name}\" ({field})" + _CONFLICT_FIX[0],
            pl="Rekordy (liczba: {count}) nie zgadzają się co do instytucji „{name}” ({field})" + _CONFLICT_FIX[1],
        ),
        "address": Template(
            en="{count} records disagree about the address of the institution \"{name}\" ({field})" + _CONFLICT_FIX[0],
            pl="Rekordy (liczba: {count}) nie zgadzają się co do adresu instytucji „{name}” ({field})" + _CONFLICT_FIX[1],
        ),
        "contact": Template(
            en="{count} records disagree about the contact \"{name}\" ({field})" + _CONFLICT_FIX[0],
            pl="Rekordy (liczba: {count}) nie zgadzają się co do kontaktu „{name}” ({field})" + _CONFLICT_FIX[1],
        ),
        "unit": Template(
            en="{count} records disagree about the unit \"{name}\" ({field})" + _CONFLICT_FIX[0],
            pl="Rekordy (liczba: {count}) nie zgadzają się co do jednostki „{name}” ({field})" + _CONFLICT_FIX[1],
        ),
        "attachment": Template(
            en="{count} records disagree about the attachment {name} ({field})" + _CONFLICT_FIX[0],
            pl="Rekordy (liczba: {count}) nie zgadzają się co do załącznika {name} ({field})" + _CONFLICT_FIX[1],
        ),
    },
)

# --- shacl ----------------------------------------------------------------------------------------

_SH = "http://www.w3.org/ns/shacl#"


def _shacl(
    name: str, component: str, title: Message, explanation: Message, en: str | None = None, pl: str | None = None,
    evaluated_by: str = "engine",
) -> Code:
    """A SHACL kind; ``en``/``pl`` is the sentence for a shape without ``sh:message``, with the
    constraint's value as ``{parameter}``."""
    templates = _one(en, pl) if en is not None and pl is not None else {}
    return Code(
        f"shacl.{name}", Severity.VIOLATION, title, explanation, templates,
        component=f"{_SH}{component}ConstraintComponent", evaluated_by=evaluated_by,
    )


SHACL_MIN_COUNT = _shacl(
    "minCount", "MinCount", _m("Too few values", "Za mało wartości"),
    _m("sh:minCount: the property needs at least this many values. Usually a field left empty.",
       "sh:minCount: właściwość wymaga co najmniej tylu wartości. Zwykle to puste pole."),
    "needs at least {parameter} value(s)", "wymaga co najmniej tylu wartości: {parameter}",
)
SHACL_MAX_COUNT = _shacl(
    "maxCount", "MaxCount", _m("Too many values", "Za dużo wartości"),
    _m("sh:maxCount: the property allows at most this many values. Where records disagree about "
       "a node they share (an institution's address), validate reports record.conflict instead, "
       "naming each record and its value; this finding remains for a graph read from RDF, or one "
       "record that gives a node two values itself.",
       "sh:maxCount: właściwość dopuszcza najwyżej tyle wartości. Gdy rekordy różnią się co do "
       "wspólnego węzła (adresu instytucji), walidacja zgłasza zamiast tego record.conflict, "
       "wskazując każdy rekord i jego wartość; to znalezisko zostaje dla grafu odczytanego z RDF "
       "albo dla rekordu, który sam podaje węzłowi dwie wartości."),
    "allows at most {parameter} value(s)", "dopuszcza najwyżej tyle wartości: {parameter}",
)
SHACL_DATATYPE = _shacl(
    "datatype", "Datatype", _m("A literal of the wrong datatype", "Literał złego typu danych"),
    _m("sh:datatype: each value must be a literal of this datatype (xsd:date, xsd:integer…).",
       "sh:datatype: każda wartość musi być literałem tego typu danych (xsd:date, xsd:integer…)."),
    "is not a literal of type {parameter}", "nie jest literałem typu {parameter}",
)
SHACL_CLASS = _shacl(
    "class", "Class", _m("A resource of the wrong class", "Zasób złej klasy"),
    _m("sh:class: each value must be a resource typed with this class (or a subclass).",
       "sh:class: każda wartość musi być zasobem tej klasy (lub jej podklasy)."),
    "is not a resource of type {parameter}", "nie jest zasobem typu {parameter}",
)
SHACL_NODE_KIND = _shacl(
    "nodeKind", "NodeKind", _m("A node of the wrong kind", "Węzeł złego rodzaju"),
    _m("sh:nodeKind: each value must be an IRI, a blank node or a literal as the shape says; e.g. "
       "a contact given as text where a resource is expected.",
       "sh:nodeKind: każda wartość musi być IRI, węzłem pustym lub literałem zgodnie z kształtem; np. "
       "kontakt podany jako tekst tam, gdzie oczekiwany jest zasób."),
    "is not of the node kind {parameter}", "nie jest węzłem rodzaju {parameter}",
)
SHACL_PATTERN = _shacl(
    "pattern", "Pattern", _m("A value of the wrong form", "Wartość złej postaci"),
    _m("sh:pattern: each value must match the regular expression (a postal code NN-NNN…).",
       "sh:pattern: każda wartość musi pasować do wyrażenia regularnego (kod pocztowy NN-NNN…)."),
    "does not match the pattern {parameter}", "nie pasuje do wzorca {parameter}",
)
SHACL_IN = _shacl(
    "in", "In", _m("Not an allowed value", "Niedozwolona wartość"),
    _m("sh:in: each value must be one of the listed terms.",
       "sh:in: każda wartość musi być jednym z wymienionych termów."),
    "is not one of the allowed values ({parameter})", "nie jest żadną z dozwolonych wartości ({parameter})",
)
SHACL_LANGUAGE_IN = _shacl(
    "languageIn", "LanguageIn", _m("A text in the wrong language", "Tekst w złym języku"),
    _m("sh:languageIn: each value must be tagged with one of the languages (@pl).",
       "sh:languageIn: każda wartość musi mieć znacznik jednego z języków (@pl)."),
    "is not tagged with one of the languages {parameter}", "nie ma znacznika żadnego z języków {parameter}",
)
SHACL_UNIQUE_LANG = _shacl(
    "uniqueLang", "UniqueLang", _m("Two values in one language", "Dwie wartości w jednym języku"),
    _m("sh:uniqueLang: at most one value per language tag; e.g. a second title.",
       "sh:uniqueLang: najwyżej jedna wartość na znacznik języka; np. drugi tytuł."),
    "has two values in the same language", "ma dwie wartości w tym samym języku",
)
SHACL_MIN_INCLUSIVE = _shacl(
    "minInclusive", "MinInclusive", _m("A value too small", "Za mała wartość"),
    _m("sh:minInclusive: each value must be at least the bound (a population of 0 or more).",
       "sh:minInclusive: każda wartość musi być co najmniej równa granicy (liczba mieszkańców od 0)."),
    "is less than {parameter}", "jest mniejsze niż {parameter}",
)
SHACL_MIN_EXCLUSIVE = _shacl(
    "minExclusive", "MinExclusive", _m("A value too small", "Za mała wartość"),
    _m("sh:minExclusive: each value must be greater than the bound.",
       "sh:minExclusive: każda wartość musi być większa od granicy."),
    "is not greater than {parameter}", "nie jest większe niż {parameter}",
)
SHACL_MAX_INCLUSIVE = _shacl(
    "maxInclusive", "MaxInclusive", _m("A value too large", "Za duża wartość"),
    _m("sh:maxInclusive: each value must be at most the bound.",
       "sh:maxInclusive: każda wartość musi być co najwyżej równa granicy."),
    "is greater than {parameter}", "jest większe niż {parameter}",
)
SHACL_MAX_EXCLUSIVE = _shacl(
    "maxExclusive", "MaxExclusive", _m("A value too large", "Za duża wartość"),
    _m("sh:maxExclusive: each value must be less than the bound.",
       "sh:maxExclusive: każda wartość musi być mniejsza od granicy."),
    "is not less than {parameter}", "nie jest mniejsze niż {parameter}",
)
SHACL_MIN_LENGTH = _shacl(
    "minLength", "MinLength", _m("A text too short", "Za krótki tekst"),
    _m("sh:minLength: each value must have at least this many characters (a description that says "
       "what was done).",
       "sh:minLength: każda wartość musi mieć co najmniej tyle znaków (opis, który mówi, co zrobiono)."),
    "is shorter than {parameter} characters", "ma mniej znaków niż {parameter}",
)
SHACL_MAX_LENGTH = _shacl(
    "maxLength", "MaxLength", _m("A text too long", "Za długi tekst"),
    _m("sh:maxLength: each value must have at most this many characters.",
       "sh:maxLength: każda wartość może mieć najwyżej tyle znaków."),
    "is longer than {parameter} characters", "ma więcej znaków niż {parameter}",
)
SHACL_HAS_VALUE = _shacl(
    "hasValue", "HasValue", _m("A required value is missing", "Brak wymaganej wartości"),
    _m("sh:hasValue: the property must have this value among its values.",
       "sh:hasValue: wśród wartości właściwości musi być ta wartość."),
    "does not include {parameter}", "nie zawiera wartości {parameter}",
)
SHACL_NODE = _shacl(
    "node", "Node", _m("A value breaks a nested shape", "Wartość narusza zagnieżdżony kształt"),
    _m("sh:node: each value must conform to the named shape; the report names the nested "
       "shape's failure at its own field, with this one as its context.",
       "sh:node: każda wartość musi spełniać wskazany kształt; raport podaje błąd zagnieżdżonego "
       "kształtu przy jego własnym polu, z tym jako kontekstem."),
    "does not conform to the shape {parameter}", "nie spełnia kształtu {parameter}",
)
SHACL_PROPERTY = _shacl(
    "property", "Property", _m("A property shape fails", "Kształt właściwości nie jest spełniony"),
    _m("sh:property: the property shape's own constraints are reported under their own codes; "
       "this code appears only when a SHACL processor reports the property shape itself.",
       "sh:property: ograniczenia kształtu właściwości są zgłaszane pod własnymi kodami; ten kod "
       "pojawia się tylko, gdy procesor SHACL zgłosi sam kształt właściwości."),
)
SHACL_OR = _shacl(
    "or", "Or", _m("None of the alternatives holds", "Żadna z możliwości nie zachodzi"),
    _m("sh:or: each value must conform to at least one of the shapes (a contact needs a phone or an "
       "e-mail).",
       "sh:or: każda wartość musi spełniać co najmniej jeden z kształtów (kontakt wymaga telefonu lub "
       "e-maila)."),
    "conforms to none of {parameter}", "nie spełnia żadnego z kształtów {parameter}",
)
SHACL_AND = _shacl(
    "and", "And", _m("Not every shape holds", "Nie wszystkie kształty są spełnione"),
    _m("sh:and: each value must conform to every one of the shapes.",
       "sh:and: każda wartość musi spełniać wszystkie kształty."),
    "does not conform to all of {parameter}", "nie spełnia wszystkich kształtów {parameter}",
)
SHACL_XONE = _shacl(
    "xone", "Xone", _m("Not exactly one shape holds", "Nie dokładnie jeden kształt jest spełniony"),
    _m("sh:xone: each value must conform to exactly one of the shapes.",
       "sh:xone: każda wartość musi spełniać dokładnie jeden z kształtów."),
    "does not conform to exactly one of {parameter}", "nie spełnia dokładnie jednego z kształtów {parameter}",
)
SHACL_NOT = _shacl(
    "not", "Not", _m("A forbidden shape holds", "Zakazany kształt jest spełniony"),
    _m("sh:not: no value may conform to the shape.", "sh:not: żadna wartość nie może spełniać kształtu."),
    "conforms to the shape {parameter}, which it must not", "spełnia kształt {parameter}, czego nie powinien",
)
SHACL_LESS_THAN = _shacl(
    "lessThan", "LessThan", _m("Not less than another property", "Nie mniejsze niż inna właściwość"),
    _m("sh:lessThan: each value must be less than every value of the other property (a start "
       "before its end).",
       "sh:lessThan: każda wartość musi być mniejsza od każdej wartości innej właściwości (początek "
       "przed końcem)."),
    "is not less than the value of {parameter}", "nie jest mniejsze niż wartość {parameter}",
)
SHACL_LESS_THAN_OR_EQUALS = _shacl(
    "lessThanOrEquals", "LessThanOrEquals", _m("Greater than another property", "Większe niż inna właściwość"),
    _m("sh:lessThanOrEquals: each value must be at most every value of the other property.",
       "sh:lessThanOrEquals: każda wartość musi być co najwyżej równa każdej wartości innej właściwości."),
    "is greater than the value of {parameter}", "jest większe niż wartość {parameter}",
)
SHACL_EQUALS = _shacl(
    "equals", "Equals", _m("Differs from another property", "Różni się od innej właściwości"),
    _m("sh:equals: the values must be the same as those of the other property.",
       "sh:equals: wartości muszą być takie same jak wartości innej właściwości."),
    "differs from the values of {parameter}", "różni się od wartości {parameter}",
)
SHACL_DISJOINT = _shacl(
    "disjoint", "Disjoint", _m("Shares a value with another property", "Wspólna wartość z inną właściwością"),
    _m("sh:disjoint: no value may also be a value of the other property.",
       "sh:disjoint: żadna wartość nie może być też wartością innej właściwości."),
    "is also a value of {parameter}", "jest też wartością {parameter}",
)
SHACL_CLOSED = _shacl(
    "closed", "Closed", _m("A property the shape does not allow", "Właściwość niedopuszczona przez kształt"),
    _m("sh:closed: the node may have only the properties the shape names (and sh:ignoredProperties).",
       "sh:closed: węzeł może mieć tylko właściwości wymienione w kształcie (i sh:ignoredProperties)."),
    "is a property the shape does not allow", "jest właściwością, której kształt nie dopuszcza",
)
SHACL_SPARQL = _shacl(
    "sparql", "SPARQL", _m("A SPARQL rule is broken", "Naruszona reguła SPARQL"),
    _m("sh:sparql: a SELECT query of the shape found this node; the shape's message says which "
       "rule (a date added in the future, one institution with two addresses…).",
       "sh:sparql: zapytanie SELECT kształtu znalazło ten węzeł; komunikat kształtu mówi, która to "
       "reguła (data dodania w przyszłości, jedna instytucja z dwoma adresami…)."),
    "breaks the rule {parameter}", "narusza regułę {parameter}",
)
SHACL_QUALIFIED_MIN_COUNT = _shacl(
    "qualifiedMinCount", "QualifiedMinCount", _m("Too few qualified values", "Za mało kwalifikowanych wartości"),
    _m("sh:qualifiedMinCount: at least this many values must conform to sh:qualifiedValueShape. "
       "The engine does not evaluate it: such shapes are foreign and checked by pyshacl.",
       "sh:qualifiedMinCount: co najmniej tyle wartości musi spełniać sh:qualifiedValueShape. "
       "Silnik tego nie sprawdza: takie kształty są obce i sprawdza je pyshacl."),
    evaluated_by="pyshacl",
)
SHACL_QUALIFIED_MAX_COUNT = _shacl(
    "qualifiedMaxCount", "QualifiedMaxCount", _m("Too many qualified values", "Za dużo kwalifikowanych wartości"),
    _m("sh:qualifiedMaxCount: at most this many values may conform to sh:qualifiedValueShape. "
       "The engine does not evaluate it: such shapes are foreign and checked by pyshacl.",
       "sh:qualifiedMaxCount: najwyżej tyle wartości może spełniać sh:qualifiedValueShape. "
       "Silnik tego nie sprawdza: takie kształty są obce i sprawdza je pyshacl."),
    evaluated_by="pyshacl",
)
SHACL_CUSTOM = Code(
    "shacl.custom", Severity.VIOLATION,
    _m("A publisher's own constraint component", "Własny komponent ograniczeń wydawcy"),
    _m("A result of a SHACL-SPARQL constraint component that a --shapes file declares itself "
       "(sh:ConstraintComponent); pyshacl checks it, and the finding keeps the component's IRI. "
       "The shape's message says what is wrong.",
       "Wynik komponentu ograniczeń SHACL-SPARQL zadeklarowanego w pliku --shapes "
       "(sh:ConstraintComponent); sprawdza go pyshacl, a znalezisko zachowuje IRI komponentu. "
       "Komunikat kształtu mówi, co jest nie tak."),
    evaluated_by="pyshacl",
)
SHACL_NAMED = Template(en="{name}: {sentence}", pl="{name}: {sentence}")
"""A generic SHACL sentence after the shape's ``sh:name``."""
SHACL_BREAKS = Template(en="breaks {shape}", pl="narusza {shape}")
"""The message of a result whose shape has neither ``sh:message`` nor a known constraint."""


def _catalogue() -> dict[str, Code]:
    found: dict[str, Code] = {}
    for value in globals().values():
        if isinstance(value, Code):
            if value.code in found:
                raise ValueError(f"finding code {value.code} declared twice")
            found[value.code] = value
    return dict(sorted(found.items(), key=lambda item: (list(Stage).index(item[1].stage), item[0])))


CATALOGUE: dict[str, Code] = _catalogue()
"""Every kind of finding, by code, grouped by stage."""

_BY_COMPONENT = {code.component: code for code in CATALOGUE.values() if code.component}


def shacl_code(component: str) -> Code:
    """The kind of a SHACL result by its constraint component; a component the shapes declare
    themselves is `SHACL_CUSTOM`."""
    return _BY_COMPONENT.get(component, SHACL_CUSTOM)
