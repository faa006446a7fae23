"""The language of volumes, as data. A new phrasing should be a new row here, not a new ``if``.

Keys are lower case (the parser lower-cases the text once); a space in a key matches any run of
white space in the text; a key that starts with a letter must start a word, and no key runs on
into a letter. :mod:`.grammar` compiles these tables into one regular expression, longest key first.
"""

from __future__ import annotations

# --- numbers -------------------------------------------------------------------------------

#: Scale words and suffixes after a number: "1.2m", "30k", "2.3 million", "4bn".
SCALES = {
    "hundred": 1e2, "k": 1e3, "thousand": 1e3, "thousands": 1e3,
    "m": 1e6, "mn": 1e6, "mil": 1e6, "mill": 1e6, "million": 1e6, "millions": 1e6,
    "bn": 1e9, "billion": 1e9, "billions": 1e9,
}
#: Storage units that are a scale word when a counted noun follows ("2.5b records"), a unit otherwise.
STORAGE_OR_SCALE = {"b": 1e9}

#: Number words. A run of them is one number ("one and a half million", "twenty-five thousand").
SMALL_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
}
#: Magnitudes multiply what comes before them; only these may follow "a"/"an" ("a million").
MAGNITUDES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
FRACTIONS = {"half": 0.5, "quarter": 0.25, "quarters": 0.25}
#: Vague counts before a magnitude: "several thousand", "a few million", "tens of thousands". Each
#: counts as its least, and the figure is a lower bound ("several thousand" is at least 2,000).
VAGUE_COUNTS = {"several": 2, "a few": 2, "few": 2, "many": 2, "tens": 20}
#: A plural magnitude with no count before it is at least two of it: "thousands of records" >= 2,000.
PLURAL_MAGNITUDES = {"hundreds": 1e2, "thousands": 1e3, "millions": 1e6, "billions": 1e9}

# --- units ---------------------------------------------------------------------------------

_P = {"k": "kilo", "m": "mega", "g": "giga", "t": "tera", "p": "peta", "e": "exa"}

#: Storage units -> (SI prefix name, explicitly binary). SI-prefixed ones follow the
#: ``storage_prefixes`` policy; IEC ones (KiB...) are binary whatever the policy says.
STORAGE_UNITS: dict[str, tuple[str, bool]] = {
    "b": ("", False), "byte": ("", False), "bytes": ("", False),
    **{f"{p}b": (_P[p], False) for p in _P},                            # kb mb gb tb pb eb
    **{f"{p}bs": (_P[p], False) for p in _P},                           # gbs tbs
    **{f"{p}bytes": (_P[p], False) for p in _P},                        # gbytes tbytes
    **{f"{p}byte": (_P[p], False) for p in _P},
    **{f"{name}byte{s}": (name, False) for name in _P.values() for s in ("", "s")},  # terabyte(s)
    **{f"{name} byte{s}": (name, False) for name in _P.values() for s in ("", "s")},  # tera bytes
    **{f"{name}-byte{s}": (name, False) for name in _P.values() for s in ("", "s")},  # tera-bytes
    # a common misspelling
    "terrabyte": ("tera", False), "terrabytes": ("tera", False), "terra byte": ("tera", False),
    "terra bytes": ("tera", False),
    "meg": ("mega", False), "megs": ("mega", False), "gig": ("giga", False), "gigs": ("giga", False),
    "kib": ("kilo", True), "kibibyte": ("kilo", True), "kibibytes": ("kilo", True),
    "mib": ("mega", True), "mebibyte": ("mega", True), "mebibytes": ("mega", True),
    "gib": ("giga", True), "gibibyte": ("giga", True), "gibibytes": ("giga", True),
    "tib": ("tera", True), "tebibyte": ("tera", True), "tebibytes": ("tera", True),
    "pib": ("peta", True), "pebibyte": ("peta", True), "pebibytes": ("peta", True),
}

#: Counted things: every one of these is one record.
COUNT_NOUNS = (
    "record", "records", "personal records", "data records", "personal data records", "case records",
    "people", "persons", "person", "individuals", "individual", "data subjects", "members of the public",
    "pupils", "pupil", "students", "student", "children", "child", "young people", "learners", "learner",
    "citizens", "citizen", "customers", "customer", "clients", "client", "claimants", "claimant",
    "staff", "employees", "employee", "personnel", "officers", "members", "member", "volunteers",
    "patients", "patient", "service users", "applicants", "candidates", "teachers", "trainees", "apprentices",
    "carers", "foster carers", "parents", "adopters", "pensioners", "tenants", "residents", "households",
    "families", "electors", "voters", "taxpayers", "drivers", "vehicles", "visitors", "victims", "witnesses",
    "suspects", "offenders", "prisoners", "workers", "beneficiaries", "recipients", "subjects", "contacts",
    "names", "cases", "case", "entries", "entry", "profiles", "profile", "accounts", "account", "rows",
    "claims", "referrals", "requests", "enquiries", "complaints", "applications received", "applications", "application",
    "registrations",
    "submissions", "transactions", "bookings", "appointments", "incidents", "reports", "returns", "forms",
    "certificates", "licences", "licenses", "documents", "files", "emails", "messages", "images",
    "photographs", "photos", "scans", "recordings", "items",
)

#: Words after a number that make it something other than a volume of personal data: "400 data
#: fields", "(3 systems)", "7 years", "95%", "2nd", "5 million pounds".
NON_VOLUME_NOUNS = {
    **dict.fromkeys(("fields", "field", "data fields", "columns", "attributes", "variables", "data items",
                     "tables"), "count of fields"),
    **dict.fromkeys(("systems", "system", "databases", "database", "datasets", "dataset", "servers", "server",
                     "software applications", "it applications", "spreadsheets", "devices", "drives", "disks",
                     "tapes"), "count of systems"),
    **dict.fromkeys(("users", "user"), "count of users"),
    **dict.fromkeys(("sites", "site", "locations", "offices", "schools", "local authorities", "organisations",
                     "organizations", "forces", "police forces", "trusts", "nhs trusts", "hospitals", "councils",
                     "practices", "gp practices"), "count of sites"),
    **dict.fromkeys(("copies", "copy", "versions"), "count of copies"),
    **dict.fromkeys(("boxes", "box", "filing cabinets", "cabinets", "crates", "pages", "sheets"), "count of boxes"),
    **dict.fromkeys(("years", "year", "yrs", "months", "month", "mths", "weeks", "week", "days", "day",
                     "working days", "hours", "minutes", "decades"), "a duration"),
    **dict.fromkeys(("%", "per cent", "percent", "pc"), "a percentage"),
    **dict.fromkeys(("st", "nd", "rd", "th"), "an ordinal"),
    **dict.fromkeys(("pounds", "gbp", "eur", "euros", "usd", "dollars"), "an amount of money"),
}

#: Rate phrases -> the period a count is per.
RATES = {
    "per day": "day", "a day": "day", "each day": "day", "every day": "day", "daily": "day", "/day": "day",
    "per working day": "day", "per hour": "hour", "an hour": "hour", "hourly": "hour",
    "per week": "week", "a week": "week", "each week": "week", "every week": "week", "weekly": "week",
    "/week": "week", "per wk": "week",
    "per month": "month", "a month": "month", "each month": "month", "every month": "month",
    "monthly": "month", "/month": "month", "per calendar month": "month", "pcm": "month",
    "per quarter": "quarter", "a quarter": "quarter", "each quarter": "quarter", "quarterly": "quarter",
    "per year": "year", "a year": "year", "each year": "year", "every year": "year", "yearly": "year",
    "annually": "year", "per annum": "year", "p.a.": "year", "p.a": "year", "pa": "year",
    "per calendar year": "year", "per financial year": "year", "per academic year": "year",
    "/year": "year", "/yr": "year", "per yr": "year", "a yr": "year", "/annum": "year",
}

#: Rate phrases that may also lead a figure: "Each year approximately 5,000 records". Not an adverb:
#: "updated daily 5,000 records" is a stock that is updated daily.
RATE_LEADS = {phrase: RATES[phrase] for phrase in (
    "each year", "every year", "per year", "per annum", "each quarter", "per quarter", "each month",
    "every month", "per month", "each week", "every week", "per week", "each day", "every day", "per day")}

# --- qualifiers ----------------------------------------------------------------------------

#: Words before a figure that make it approximate.
HEDGES_BEFORE = (
    "circa", "circa.", "c.", "c", "ca.", "ca", "approx.", "approx", "approximately", "approximate",
    "about", "around", "roughly", "some", "estimated", "an estimated", "estimated at", "est.", "est",
    "~", "≈", "in the region of", "in the order of", "of the order of", "of order", "an estimate of",
    "estimate of", "estimate", "estimated total of", "approximately around", "close to", "broadly",
    "a total of approximately", "an approximate",
    "apprx", "aprox", "aprox.", "approximatley", "approximatly", "c.a.", "c.a",  # as typed in a hurry
    "average", "an average of", "average of", "on average",
)
#: Words before a figure that bound it. "almost 2 million" is below 2 million: a bound, not just a hedge.
LOWER_BOUNDS = (
    "over", "more than", "in excess of", "at least", "upwards of", "greater than", "above",
    "minimum of", "a minimum of", "min", "min.", "no fewer than", "no less than", "not less than",
    ">", ">=", "≥", "well over", "exceeding", "exceeds", "excess of", "just over", "well in excess of",
)
UPPER_BOUNDS = (
    "up to", "less than", "fewer than", "under", "below", "no more than", "not more than",
    "maximum", "maximum of", "a maximum of", "max", "max.", "at most", "<", "<=", "≤",
    "not exceeding", "upto", "no greater than", "capacity of", "capacity for", "almost", "nearly",
    "just under", "just below", "not quite",
)
#: Qualifiers after a figure: "2m (approx)", "5,000 or so", "10,000 or more", "500 max".
HEDGES_AFTER = (
    "(approx)", "(approx.)", "(approximately)", "(approximate)", "(estimated)", "(estimate)",
    "(est)", "(est.)", "approx", "approx.", "approximately", "or so", "or thereabouts",
    "(circa)", "estimated", "(rough estimate)", "(roughly)", "roughly", "(c.)", "(ca.)",
)
LOWER_BOUNDS_AFTER = ("+", "or more", "or over", "and over", "and above", "or above", "plus", "at least", "(minimum)",
                      "minimum", "as a minimum", "and upwards", "upwards", "or greater")
UPPER_BOUNDS_AFTER = ("or less", "or fewer", "or under", "and under", "and below", "at most", "max", "max.",
                      "(max)", "(max.)", "(maximum)", "maximum", "at the most")

#: Words after which a figure is a part of the one before it (secondary, never added).
SUBSET_MARKERS = (
    "of which", "of whom", "of these", "of those", "including", "includes", "incl.", "incl",
    "with", "whereof", "comprising", "within which", "out of which",
)

#: Words a figure never reaches across when looking for its unit or rate ("5 TB and 400 users").
SEPARATORS = ("and", "plus", "also", "while", "whilst", "but", "or", "then", "than")

#: Markers after which a number is a reference, not a volume: "FOI 2016-1234", "our ref: 5512".
REFERENCE_MARKERS = ("ref", "ref.", "reference", "our ref", "your ref", "our reference", "your reference",
                     "foi", "foi request", "foir", "eir", "case ref", "case no", "case no.", "case number",
                     "request no", "request number", "ticket")

#: Words that cite the law, before a section number: "s.40(2)", "section 31(1)(a)", "reg. 12".
LEGAL_MARKERS = ("s", "s.", "ss", "ss.", "section", "sections", "sec", "sec.", "article", "articles", "art.",
                 "regulation", "regulations", "reg", "reg.", "schedule", "sch", "sch.", "paragraph", "para", "para.")

#: Words before a number that names or numbers a thing rather than counting records: "System 1 -
#: 20,000 records", "Year 11 pupils", "aged 0-5", "see note 3", "Office 365", "ISO 27001".
LABEL_MARKERS = ("system", "database", "db", "phase", "level", "tier", "stage", "key stage", "year", "years",
                 "aged", "age", "ages", "note", "footnote", "annex", "appendix", "table", "question", "item",
                 "version", "release", "windows", "office", "iso", "part", "chapter", "page", "box", "line")

# --- whole-cell meanings -------------------------------------------------------------------

#: Phrases saying the volume is not known or not given: kind "unknown", the phrase is the reason.
UNKNOWN_PHRASES = (
    "exact volume unknown", "volume unknown", "exact figure unknown", "figure unknown", "size unknown",
    "exact number unknown", "number unknown", "numbers unknown", "exact size unknown", "quantity unknown",
    "exact volume not known", "volume not known", "figure not known", "number not known", "not known",
    "unknown", "not held", "information not held", "data not held", "not available", "unavailable",
    "n/a", "n.a.", "na", "not applicable", "not recorded", "not collected", "not quantified",
    "cannot be quantified", "unquantified", "not quantifiable", "unquantifiable", "not measured",
    "no figure available", "no figures available", "no data available", "not currently known",
    "to be confirmed", "tbc", "tbd", "to be determined", "varies", "variable", "not disclosed",
    "cannot be disclosed", "withheld", "information withheld", "exempt", "exempt from disclosure",
    "redacted", "refused", "neither confirm nor deny", "ncnd", "not possible to say",
    "not possible to determine", "cannot be determined", "unable to determine", "unable to say",
    "unable to provide", "cannot provide", "no estimate", "not estimated", "unclear", "not specified",
    "unspecified", "not readily available", "not routinely recorded", "not routinely held",
    "not centrally recorded", "not centrally held", "not held centrally", "cost limit", "appropriate limit",
    "not easily quantifiable", "not known at this time", "do not hold", "does not hold", "no information held",
    "unable to quantify", "not possible to provide", "unable to give", "not something we record", "fluctuates",
    "not calculated", "don't know", "do not know", "commercially sensitive", "tba", "n.k.", "not determined",
    "exemption",
)
#: A cell that is only one of these is unknown too: "-", "?", "**".
UNKNOWN_PLACEHOLDERS = frozenset({"", "-", "–", "—", "?", "??", "*", "**", "***", "x", "tbc", "n/k"})

#: Words meaning none at all: records, value 0.
ZERO_PHRASES = ("none", "nil", "nil return", "zero", "no records", "no personal records",
                "no records held", "no personal data", "no personal data held", "no data subjects",
                "nothing held", "no data held", "none held")

#: Month names for dates ("1 April 2015", "June 2016").
MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
)

#: Currency signs: a number after one is money, not a volume (currency words are NON_VOLUME_NOUNS).
CURRENCY_SIGNS = ("£", "$", "€")
