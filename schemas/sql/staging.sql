-- Staging: what the stages produced, typed. Nothing here aggregates or interprets.

CREATE TABLE stg_sources (
    source_id        VARCHAR PRIMARY KEY,
    body             VARCHAR NOT NULL,
    reference        VARCHAR NOT NULL,
    as_at            DATE    NOT NULL,   -- the date the figures describe, as the manifest gives it
    table_as_at      DATE,               -- as the document's table header gives it, if it does
    as_at_gap_days   INTEGER,            -- table_as_at - as_at, in days (a run warns past 31)
    url              VARCHAR NOT NULL,
    format           VARCHAR NOT NULL,   -- the format read: declared in the manifest, or detected
    format_declared  BOOLEAN NOT NULL,   -- false: detected from the document's bytes and name
    tables           VARCHAR NOT NULL,   -- where each datasets table was found, its header and columns
    set_aside        INTEGER NOT NULL,   -- paragraphs or rows set aside (page footers, repeated headers, notes)
    path             VARCHAR NOT NULL,   -- relative to the manifest
    encoding         VARCHAR,            -- text formats only
    sha256           VARCHAR NOT NULL,
    storage_prefixes VARCHAR NOT NULL,   -- policy: decimal | binary
    days_per_year    DOUBLE  NOT NULL,   -- policy
    bare_number      VARCHAR NOT NULL    -- policy: records | unparsed
);

CREATE TABLE stg_datasets (
    source_id    VARCHAR NOT NULL,
    row          INTEGER NOT NULL,       -- the dataset's ordinal in its source (1 is the first)
    location     VARCHAR NOT NULL,       -- where its row is: "line 96", "sheet 'Data' row 14", "page 2, table 1, row 5"
    dataset_name VARCHAR NOT NULL,
    purpose      VARCHAR,
    body         VARCHAR,                -- the row's own body (a catalogue's publisher column), if any
    attributes   VARCHAR NOT NULL        -- the table's other columns, as a JSON object
    -- key (source_id, row): checked by the run (validate.check_keys), not an index that a million-row
    -- load would maintain row by row
);

CREATE TABLE stg_figures (
    source_id     VARCHAR NOT NULL,
    row           INTEGER NOT NULL,
    volume_index  INTEGER NOT NULL,      -- which of the table's volume columns (0 is the first)
    volume_column VARCHAR NOT NULL,      -- its header
    location      VARCHAR NOT NULL,      -- where the volume cell is
    dataset_name  VARCHAR NOT NULL,
    volume_text   VARCHAR NOT NULL,
    figure        INTEGER NOT NULL,      -- 0 is the cell's primary figure
    kind          VARCHAR NOT NULL,      -- records | storage | record_rate | storage_rate | items | unknown | withheld | unparsed
    value         DOUBLE,                -- in unit; a range's midpoint
    unit          VARCHAR,               -- record | byte | record / year
    lower         DOUBLE,
    upper         DOUBLE,
    qualifier     VARCHAR NOT NULL,      -- exact | approximate | lower_bound | upper_bound | range | unknown
    role          VARCHAR NOT NULL,      -- primary | secondary
    subset        BOOLEAN NOT NULL,      -- part of another figure ("of which..."): never added to it
    assumed_unit  BOOLEAN NOT NULL,      -- a bare number read as records by policy, or in its column's unit
    span_start    INTEGER NOT NULL,      -- the text that produced the figure: volume_text[span_start:span_end]
    span_end      INTEGER NOT NULL,
    surface       VARCHAR NOT NULL,
    rule          VARCHAR NOT NULL,      -- the grammar path that fired
    policy        VARCHAR NOT NULL,      -- interpretation policies applied
    reason        VARCHAR                -- why unknown or unparsed
    -- key (source_id, row, volume_index, figure): checked by the run (validate.check_keys)
);

CREATE TABLE stg_quarantine (
    source_id    VARCHAR NOT NULL,
    row          INTEGER NOT NULL,
    location     VARCHAR NOT NULL,
    stage        VARCHAR NOT NULL,       -- extract | parse
    dataset_name VARCHAR,
    volume_text  VARCHAR,
    reason       VARCHAR NOT NULL
);
