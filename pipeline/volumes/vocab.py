"""The language of volumes, as data. A new phrasing should be a new row here, not a new ``if``.

Keys are lower case; the tokenizer matches case-insensitively, longest phrase first, and a
run of white space in a key matches any white space in the text.
"""

from __future__ import annotations

# --- numbers -------------------------------------------------------------------------------

#: Scale words and suffixes after a number: "1.2m", "30k", "2.3 million", "4bn".
SCALES = {
    "hundred": 1e2, "k": 1e3, "thousand": 1e3, "thousands": 1e3,
    "m": 1e6, "mn": 1e6, "mil": 1e6, "mill": 1e6, "million": 1e6, "millions": 1e6,
    "bn": 1e9, "billion": 1e9, "billions": 1e9,
}

#: Number words. "a"/"an" only count before a magnitude ("a million"); see grammar.WORD_NUMBER.
SMALL_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
MAGNITUDES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
FRACTIONS = {"half": 0.5, "quarter": 0.25, "quarters": 0.25}

# --- units ---------------------------------------------------------------------------------

#: Storage units -> (SI prefix name, explicitly binary). SI-prefixed ones follow the
#: ``storage_prefixes`` policy; IEC ones (KiB...) are binary whatever the policy says.
STORAGE_UNITS: dict[str, tuple[str, bool]] = {
    "b": ("", False), "byte": ("", False), "bytes": ("", False),
    "kb": ("kilo", False), "kbyte": ("kilo", False), "kbytes": ("kilo", False),
    "kilobyte": ("kilo", False), "kilobytes": ("kilo", False),
    "mb": ("mega", False), "mbyte": ("mega", False), "mbytes": ("mega", False),
    "megabyte": ("mega", False), "megabytes": ("mega", False), "meg": ("mega", False), "megs": ("mega", False),
    "gb": ("giga", False), "gbyte": ("giga", False), "gbytes": ("giga", False),
    "gigabyte": ("giga", False), "gigabytes": ("giga", False), "gig": ("giga", False), "gigs": ("giga", False),
    "tb": ("tera", False), "tbyte": ("tera", False), "tbytes": ("tera", False), "tbs": ("tera", False),
    "terabyte": ("tera", False), "terabytes": ("tera", False), "tera bytes": ("tera", False),
    "pb": ("peta", False), "petabyte": ("peta", False), "petabytes": ("peta", False),
    "eb": ("exa", False), "exabyte": ("exa", False), "exabytes": ("exa", False),
    "kib": ("kilo", True), "kibibyte": ("kilo", True), "kibibytes": ("kilo", True),
    "mib": ("mega", True), "mebibyte": ("mega", True), "mebibytes": ("mega", True),
    "gib": ("giga", True), "gibibyte": ("giga", True), "gibibytes": ("giga", True),
    "tib": ("tera", True), "tebibyte": ("tera", True), "tebibytes": ("tera", True),
    "pib": ("peta", True), "pebibyte": ("peta", True), "pebibytes": ("peta", True),
}
#: Storage units that double as a scale word when a counted noun follows ("2.5b records").
STORAGE_OR_SCALE = {"b": 1e9}

#: Counted things: every one of these is one record.
COUNT_NOUNS = (
    "record", "records", "personal records", "data records", "personal data records",
    "people", "persons", "person", "individuals", "individual", "data subjects",
    "pupils", "pupil", "students", "student", "children", "child", "learners", "learner",
    "citizens", "citizen", "customers", "customer", "claimants", "claimant",
    "staff", "employees", "members", "patients", "applicants", "teachers", "trainees",
    "cases", "case", "entries", "entry", "profiles", "profile", "accounts", "account",
    "rows", "names", "contacts", "households", "families", "residents", "beneficiaries",
    "recipients", "offenders", "prisoners", "workers", "subjects",
)

#: Nouns whose count is not a volume of personal data: "400 data fields", "(3 systems)", "7 years".
NON_VOLUME_NOUNS = {
    "fields": "count of fields", "data fields": "count of fields", "field": "count of fields",
    "columns": "count of columns", "attributes": "count of attributes", "variables": "count of variables",
    "data items": "count of data items", "tables": "count of tables",
    "systems": "count of systems", "system": "count of systems",
    "databases": "count of databases", "servers": "count of servers", "applications": "count of applications",
    "users": "count of users", "user": "count of users", "sites": "count of sites", "site": "count of sites",
    "locations": "count of locations", "offices": "count of offices", "copies": "count of copies",
    "copy": "count of copies", "versions": "count of versions",
    "schools": "count of schools", "local authorities": "count of local authorities",
    "organisations": "count of organisations", "organizations": "count of organisations",
    "years": "a duration", "year": "a duration", "months": "a duration", "month": "a duration",
    "weeks": "a duration", "week": "a duration", "days": "a duration", "day": "a duration",
    "hours": "a duration", "minutes": "a duration", "working days": "a duration",
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

# --- qualifiers ----------------------------------------------------------------------------

#: Words before a figure that make it approximate.
HEDGES_BEFORE = (
    "circa", "c.", "c", "ca.", "ca", "approx.", "approx", "approximately", "approximate",
    "about", "around", "roughly", "some", "estimated", "an estimated", "estimated at", "est.", "est",
    "~", "≈", "in the region of", "in the order of", "of the order of", "of order",
    "an estimate of", "estimate of", "estimate", "approximately around", "just over", "just under",
    "close to", "nearly", "almost", "broadly",
)
#: Hedges after a figure: "2m (approx)", "5,000 or so".
HEDGES_AFTER = (
    "(approx)", "(approx.)", "(approximately)", "(approximate)", "(estimated)", "(estimate)",
    "(est)", "(est.)", "approx", "approx.", "approximately", "or so", "or thereabouts",
    "(circa)", "estimated", "(rough estimate)", "(roughly)", "roughly",
)
#: Bounds before a figure.
LOWER_BOUNDS = (
    "over", "more than", "in excess of", "at least", "upwards of", "greater than", "above",
    "minimum of", "a minimum of", "min", "min.", "no fewer than", "no less than", "not less than",
    ">", ">=", "≥", "well over", "exceeding", "exceeds", "excess of",
)
UPPER_BOUNDS = (
    "up to", "less than", "fewer than", "under", "below", "no more than", "not more than",
    "maximum", "maximum of", "a maximum of", "max", "max.", "at most", "<", "<=", "≤",
    "not exceeding", "upto", "no greater than", "capacity of", "capacity for",
)
#: Hedges that also bound: "almost 2 million" is below 2 million. Listed in both tables above,
#: the bound wins (the figure is an upper bound, not merely approximate).
BOUNDING_HEDGES = {"almost": "upper_bound", "nearly": "upper_bound", "just under": "upper_bound",
                   "just over": "lower_bound"}

#: Words after which a figure is a part of the one before it (secondary, never added).
SUBSET_MARKERS = (
    "of which", "of whom", "of these", "of those", "including", "includes", "incl.", "incl",
    "with", "whereof", "comprising", "within which", "out of which",
)

# --- whole-cell meanings -------------------------------------------------------------------

#: Phrases saying the volume is not known or not given: kind "unknown", the phrase is the reason.
UNKNOWN_PHRASES = (
    "exact volume unknown", "volume unknown", "exact figure unknown", "figure unknown", "size unknown",
    "exact number unknown", "number unknown", "numbers unknown", "exact size unknown", "quantity unknown",
    "exact volume not known", "volume not known", "figure not known", "number not known", "not known",
    "unknown", "not held", "information not held", "data not held", "not available", "unavailable",
    "n/a", "n.a.", "na", "not applicable", "not recorded", "not collected", "not quantified",
    "cannot be quantified", "unquantified", "not measured", "no figure available", "no figures available",
    "no data available", "not currently known", "to be confirmed", "tbc", "tbd", "to be determined",
    "varies", "variable", "not disclosed", "cannot be disclosed", "withheld", "information withheld",
    "exempt", "exempt from disclosure", "redacted", "refused", "neither confirm nor deny", "ncnd",
    "not possible to say", "not possible to determine", "cannot be determined", "unable to determine",
    "unable to say", "no estimate", "not estimated", "unclear", "not specified", "unspecified",
)
#: A cell that is only one of these is unknown too: "-", "?", "**".
UNKNOWN_PLACEHOLDERS = frozenset({"", "-", "–", "—", "?", "??", "*", "**", "***", "x", "tbc", "n/k"})

#: Words meaning none at all: records, value 0.
ZERO_PHRASES = ("none", "nil", "nil return", "zero", "no records", "no personal records",
                "no records held", "no personal data", "no data subjects", "nothing held")

#: Figure separators: a new figure starts after these and pending hedges are forgotten.
SEPARATORS = (";", ",", "and", "plus", "/", "|", "&", ".", "(", ")", "also", "while", "whilst")

#: Month names for dates ("1 April 2015", "June 2016").
MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
)
#: Words before a bare year that make it a date: "since 2010", "in 2015".
YEAR_PREPOSITIONS = frozenset({"in", "since", "from", "until", "till", "by", "during", "of", "as", "at",
                               "before", "after", "year", "fy", "on"})
