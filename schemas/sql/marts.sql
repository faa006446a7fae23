-- Marts: the relations analysts query. Built only on staging.

-- One row per figure, with its provenance. A row's own body (a catalogue's publisher) wins over
-- the source's.
CREATE VIEW measures AS
SELECT f.source_id, coalesce(d.body, s.body) AS body, f.dataset_name, f.volume_column, f.volume_text,
       f.kind, f.value, f.unit, f.lower, f.upper, f.qualifier, f.role, f.subset, f.assumed_unit,
       f.location, f.row, f.volume_index, f.figure, f.span_start, f.span_end, f.surface, f.rule,
       f.policy, f.reason
FROM stg_figures f
JOIN stg_sources s USING (source_id)
JOIN stg_datasets d USING (source_id, row)
ORDER BY f.source_id, f.row, f.volume_index, f.figure;

-- The figure of each kind that stands for a dataset: its first whole (not subset) figure of that
-- kind, in the order of its volume columns.
CREATE VIEW dataset_figures AS
SELECT *
FROM stg_figures
WHERE kind IN ('records', 'storage', 'record_rate') AND NOT subset
QUALIFY row_number() OVER (PARTITION BY source_id, row, kind ORDER BY volume_index, figure) = 1;

-- The figure that stands for a dataset as a whole: the primary figure of its first volume cell
-- that gives a quantity, else of its first volume cell.
CREATE VIEW dataset_primary AS
SELECT *
FROM stg_figures
WHERE role = 'primary'
QUALIFY row_number() OVER (
    PARTITION BY source_id, row
    ORDER BY kind IN ('records', 'storage', 'record_rate') DESC, volume_index
) = 1;

-- One row per dataset, its figures side by side, each with its qualifier.
CREATE VIEW dataset_wide AS
SELECT d.source_id,
       coalesce(d.body, s.body) AS body,
       d.dataset_name,
       d.purpose,
       max(f.value)     FILTER (WHERE f.kind = 'records')     AS records,
       max(f.qualifier) FILTER (WHERE f.kind = 'records')     AS records_qualifier,
       max(f.value)     FILTER (WHERE f.kind = 'storage')     AS storage_bytes,
       max(f.qualifier) FILTER (WHERE f.kind = 'storage')     AS storage_qualifier,
       max(f.value)     FILTER (WHERE f.kind = 'record_rate') AS records_per_year,
       max(f.qualifier) FILTER (WHERE f.kind = 'record_rate') AS records_per_year_qualifier,
       CASE
           WHEN p.kind IN ('unknown', 'unparsed') THEN p.kind
           WHEN p.qualifier IN ('lower_bound', 'upper_bound') THEN 'bound'
           ELSE p.qualifier
       END AS volume_status,
       p.kind AS primary_kind,
       p.volume_text,
       d.location,
       d.row
FROM stg_datasets d
JOIN stg_sources s ON s.source_id = d.source_id
JOIN dataset_primary p ON p.source_id = d.source_id AND p.row = d.row
LEFT JOIN dataset_figures f ON f.source_id = d.source_id AND f.row = d.row
GROUP BY ALL;

-- The analysts' table: one row per dataset, figures on one scale per kind, with logs, ranks and
-- size bands. A figure's qualifier sits beside it: approximate figures and bounds stay marked.
CREATE VIEW datasets AS
SELECT source_id,
       body,
       dataset_name,
       purpose,
       records,
       records_qualifier,
       storage_bytes,
       storage_bytes / 1e12 AS storage_tb,                   -- decimal terabytes
       storage_qualifier,
       records_per_year,
       records_per_year_qualifier,
       volume_status,                                        -- exact | approximate | bound | range | unknown | unparsed
       primary_kind,
       log10(nullif(records, 0))          AS records_log10,
       log10(nullif(storage_bytes, 0))    AS storage_log10,
       log10(nullif(records_per_year, 0)) AS records_per_year_log10,
       CASE WHEN records IS NOT NULL THEN rank() OVER (PARTITION BY source_id, records IS NULL ORDER BY records DESC) END
           AS records_rank_in_source,
       CASE WHEN records IS NOT NULL THEN rank() OVER (PARTITION BY records IS NULL ORDER BY records DESC) END
           AS records_rank_overall,
       CASE WHEN storage_bytes IS NOT NULL THEN rank() OVER (PARTITION BY source_id, storage_bytes IS NULL ORDER BY storage_bytes DESC) END
           AS storage_rank_in_source,
       CASE WHEN storage_bytes IS NOT NULL THEN rank() OVER (PARTITION BY storage_bytes IS NULL ORDER BY storage_bytes DESC) END
           AS storage_rank_overall,
       CASE WHEN records_per_year IS NOT NULL THEN rank() OVER (PARTITION BY source_id, records_per_year IS NULL ORDER BY records_per_year DESC) END
           AS records_per_year_rank_in_source,
       CASE WHEN records_per_year IS NOT NULL THEN rank() OVER (PARTITION BY records_per_year IS NULL ORDER BY records_per_year DESC) END
           AS records_per_year_rank_overall,
       CASE
           WHEN records IS NULL THEN NULL
           WHEN records < 1e4 THEN 'under 10k'
           WHEN records < 1e5 THEN '10k-100k'
           WHEN records < 1e6 THEN '100k-1M'
           WHEN records < 1e7 THEN '1M-10M'
           ELSE '10M and over'
       END AS records_band,
       CASE
           WHEN storage_bytes IS NULL THEN NULL
           WHEN storage_bytes < 1e9 THEN 'under 1 GB'
           WHEN storage_bytes < 1e10 THEN '1-10 GB'
           WHEN storage_bytes < 1e11 THEN '10-100 GB'
           WHEN storage_bytes < 1e12 THEN '100 GB-1 TB'
           WHEN storage_bytes < 1e13 THEN '1-10 TB'
           WHEN storage_bytes < 1e14 THEN '10-100 TB'
           ELSE '100 TB and over'
       END AS storage_band,
       volume_text,
       location,
       row
FROM dataset_wide
ORDER BY source_id, row;

-- How fully each body disclosed: shares of its datasets by the status of their primary figure.
CREATE VIEW disclosure AS
SELECT w.source_id,
       s.body,
       count(*) AS datasets,
       count(*) FILTER (WHERE volume_status = 'exact')                 AS exact,
       count(*) FILTER (WHERE volume_status IN ('approximate', 'range')) AS approximate,
       count(*) FILTER (WHERE volume_status = 'bound')                 AS bound_only,
       count(*) FILTER (WHERE volume_status = 'unknown')               AS unknown,
       count(*) FILTER (WHERE volume_status = 'unparsed')              AS unparsed,
       round(count(*) FILTER (WHERE volume_status NOT IN ('unknown', 'unparsed')) / count(*), 4) AS share_with_volume,
       round(count(*) FILTER (WHERE volume_status = 'exact') / count(*), 4)                      AS share_exact,
       round(count(*) FILTER (WHERE volume_status IN ('approximate', 'range')) / count(*), 4)    AS share_approximate,
       round(count(*) FILTER (WHERE volume_status = 'bound') / count(*), 4)                      AS share_bound_only,
       round(count(*) FILTER (WHERE volume_status = 'unknown') / count(*), 4)                    AS share_unknown
FROM dataset_wide w JOIN stg_sources s USING (source_id)
GROUP BY ALL
ORDER BY w.source_id;

-- The five largest datasets of each source by each kind, with the figure's qualifier.
CREATE VIEW largest AS
SELECT source_id, kind, rank, dataset_name, value, unit, qualifier, volume_text, location, row
FROM (
    SELECT f.*, rank() OVER (PARTITION BY source_id, kind ORDER BY value DESC) AS rank
    FROM dataset_figures f
)
WHERE rank <= 5
ORDER BY source_id, array_position(['records', 'storage', 'record_rate'], kind), rank, row;

-- Totals per source and kind: sums of reported figures (a range counts at its midpoint). Datasets
-- overlap (several systems hold the same pupils), so a total of records is not a count of people.
CREATE VIEW totals AS
WITH quantities AS (
    SELECT source_id, kind, any_value(unit) AS unit, count(*) AS datasets, sum(value) AS total,
           count(*) FILTER (WHERE qualifier = 'exact')       AS exact,
           count(*) FILTER (WHERE qualifier = 'approximate') AS approximate,
           count(*) FILTER (WHERE qualifier = 'lower_bound') AS lower_bound,
           count(*) FILTER (WHERE qualifier = 'upper_bound') AS upper_bound,
           count(*) FILTER (WHERE qualifier = 'range')       AS range
    FROM dataset_figures
    GROUP BY source_id, kind
), unread AS (
    SELECT source_id, kind, NULL AS unit, count(*) AS datasets, NULL::DOUBLE AS total,
           0 AS exact, 0 AS approximate, 0 AS lower_bound, 0 AS upper_bound, 0 AS range
    FROM dataset_primary
    WHERE kind IN ('unknown', 'unparsed')
    GROUP BY source_id, kind
)
SELECT source_id, kind, unit, datasets, total, exact, approximate, lower_bound, upper_bound, range,
       CASE WHEN kind IN ('unknown', 'unparsed') THEN 'datasets whose volume is ' || kind
            ELSE 'sum of reported figures; datasets overlap, so not a count of distinct people or bytes'
       END AS note
FROM (SELECT * FROM quantities UNION ALL SELECT * FROM unread)
ORDER BY source_id, array_position(['records', 'storage', 'record_rate', 'unknown', 'unparsed'], kind);

-- Datasets quarantined at any stage, with the reasons.
CREATE VIEW quarantine AS
SELECT * FROM stg_quarantine ORDER BY source_id, row;

-- Cells the parser could not read: listed at the end of every run.
CREATE VIEW unparsed AS
SELECT source_id, row, location, dataset_name, volume_column, volume_text, reason
FROM stg_figures WHERE kind = 'unparsed' ORDER BY source_id, row, volume_index, figure;

-- Where each source came from, and the policies its figures were read under.
CREATE VIEW sources AS
SELECT * FROM stg_sources ORDER BY source_id;
