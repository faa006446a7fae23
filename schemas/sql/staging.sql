-- Staging: what the stages produced, typed. Nothing here aggregates or interprets.

CREATE TABLE stg_sources (
    source_id        VARCHAR PRIMARY KEY,
    body             VARCHAR NOT NULL,
    reference        VARCHAR NOT NULL,
    as_at            VARCHAR NOT NULL,   -- as the manifest gives it
    table_as_at      DATE,               -- as the document's table header gives it, if it does
    url              VARCHAR NOT NULL,
    format           VARCHAR NOT NULL,
    path             VARCHAR NOT NULL,   -- relative to the manifest
    encoding         VARCHAR NOT NULL,
    sha256           VARCHAR NOT NULL,
    storage_prefixes VARCHAR NOT NULL,   -- policy: decimal | binary
    days_per_year    DOUBLE  NOT NULL,   -- policy
    bare_number      VARCHAR NOT NULL    -- policy: records | unparsed
);

CREATE TABLE stg_datasets (
    source_id    VARCHAR NOT NULL,
    source_line  INTEGER NOT NULL,       -- 1-based line of the volume cell in the raw file
    dataset_name VARCHAR NOT NULL,
    purpose      VARCHAR NOT NULL,
    volume_text  VARCHAR NOT NULL,
    PRIMARY KEY (source_id, source_line)
);

CREATE TABLE stg_figures (
    source_id    VARCHAR NOT NULL,
    source_line  INTEGER NOT NULL,
    dataset_name VARCHAR NOT NULL,
    volume_text  VARCHAR NOT NULL,
    figure       INTEGER NOT NULL,       -- 0 is the cell's primary figure
    kind         VARCHAR NOT NULL,       -- records | storage | record_rate | unknown | unparsed
    value        DOUBLE,                 -- in unit; a range's midpoint
    unit         VARCHAR,                -- record | byte | record / year
    lower        DOUBLE,
    upper        DOUBLE,
    qualifier    VARCHAR NOT NULL,       -- exact | approximate | lower_bound | upper_bound | range | unknown
    role         VARCHAR NOT NULL,       -- primary | secondary
    subset       BOOLEAN NOT NULL,       -- part of another figure ("of which..."): never added to it
    assumed_unit BOOLEAN NOT NULL,       -- a bare number read as records by policy
    span_start   INTEGER NOT NULL,       -- the text that produced the figure: volume_text[span_start:span_end]
    span_end     INTEGER NOT NULL,
    surface      VARCHAR NOT NULL,
    rule         VARCHAR NOT NULL,       -- the grammar path that fired
    policy       VARCHAR NOT NULL,       -- interpretation policies applied
    reason       VARCHAR,                -- why unknown or unparsed
    PRIMARY KEY (source_id, source_line, figure)
);

CREATE TABLE stg_quarantine (
    source_id    VARCHAR NOT NULL,
    source_line  INTEGER NOT NULL,
    stage        VARCHAR NOT NULL,       -- extract | parse
    dataset_name VARCHAR,
    volume_text  VARCHAR,
    reason       VARCHAR NOT NULL
);
