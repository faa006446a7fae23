-- Marts: the relations analysts query. Built only on staging, once it is loaded.
--
-- The building blocks (dataset_bodies, dataset_figures, dataset_primary, dataset_wide) are tables,
-- materialised once when the database is built, as dbt materialises an intermediate model: every mart
-- and report reads them, and a million-row source would otherwise recompute each for every query.
-- The marts are views over them.
--
-- A dataset's body is its row's own (a catalogue's publisher column) where it has one, else its
-- source's; its as_at is the date its source's figures describe. Both sit beside every figure, so
-- bodies answered at different dates are never compared without the dates in view.

-- Each dataset's body and date.
CREATE TABLE dataset_bodies AS
SELECT d.source_id, d.row, coalesce(d.body, s.body) AS body, s.as_at
FROM stg_datasets d JOIN stg_sources s USING (source_id);

-- One row per figure, with its provenance, in no order: `measures` is these rows in order. (The
-- reports sort this, not `measures`: a query ordering a view that orders sorts twice.)
CREATE VIEW figure_rows AS
SELECT f.source_id, b.body, b.as_at, f.dataset_name, f.volume_column, f.volume_text,
       f.kind, f.value, f.unit, f.lower, f.upper, f.qualifier, f.role, f.subset, f.assumed_unit,
       f.location, f.row, f.volume_index, f.figure, f.span_start, f.span_end, f.surface, f.rule,
       f.policy, f.reason
FROM stg_figures f
JOIN dataset_bodies b USING (source_id, row);

CREATE VIEW measures AS
SELECT * FROM figure_rows ORDER BY source_id, row, volume_index, figure;

-- The figure of each kind that stands for a dataset: its first whole (not subset) figure of that
-- kind, in the order of its volume columns. (Picked by rowid in one narrow aggregation, then
-- fetched: a window over the whole rows would sort every column of a million figures.)
CREATE TABLE dataset_figures AS
SELECT *
FROM stg_figures
WHERE rowid IN (
    SELECT arg_min(rowid, volume_index * 100000 + figure)
    FROM stg_figures
    WHERE kind IN ('records', 'storage', 'record_rate', 'storage_rate', 'items') AND NOT subset
    GROUP BY source_id, row, kind
);

-- The figure that stands for a dataset as a whole: the primary figure of its first volume cell
-- that gives a quantity, else of its first withheld cell, else of its first volume cell.
CREATE TABLE dataset_primary AS
SELECT *
FROM stg_figures
WHERE rowid IN (
    SELECT arg_min(rowid, CASE WHEN kind IN ('records', 'storage', 'record_rate', 'storage_rate', 'items') THEN 0
                               WHEN kind = 'withheld' THEN 1 ELSE 2 END * 100000 + volume_index)
    FROM stg_figures
    WHERE role = 'primary'
    GROUP BY source_id, row
);

-- One row per dataset: its figures side by side on one scale per kind, each with its qualifier,
-- then logs, ranks and size bands. A figure's qualifier sits beside it.
CREATE TABLE dataset_wide AS
WITH per_dataset AS (  -- each kind's figure (dataset_figures holds one a kind), ranked on these narrow rows
    SELECT source_id, row,
           any_value(value)     FILTER (WHERE kind = 'records')     AS records,
           any_value(qualifier) FILTER (WHERE kind = 'records')     AS records_qualifier,
           any_value(value)     FILTER (WHERE kind = 'storage')     AS storage_bytes,
           any_value(qualifier) FILTER (WHERE kind = 'storage')     AS storage_qualifier,
           any_value(value)     FILTER (WHERE kind = 'record_rate') AS records_per_year,
           any_value(qualifier) FILTER (WHERE kind = 'record_rate') AS records_per_year_qualifier
    FROM dataset_figures
    GROUP BY source_id, row
), ranked AS (
    SELECT *,
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
               AS records_per_year_rank_overall
    FROM per_dataset
), wide AS (
    SELECT d.source_id,
           b.body,
           b.as_at,
           d.dataset_name,
           d.purpose,
           f.* EXCLUDE (source_id, row),
           CASE
               WHEN p.kind IN ('unknown', 'withheld', 'unparsed') THEN p.kind
               WHEN p.qualifier IN ('lower_bound', 'upper_bound') THEN 'bound'
               ELSE p.qualifier
           END AS volume_status,
           CASE WHEN p.kind IN ('unknown', 'withheld', 'unparsed') THEN p.reason END AS volume_note,
           p.kind AS primary_kind,
           p.volume_text,
           d.location,
           d.row
    FROM stg_datasets d
    JOIN dataset_bodies b USING (source_id, row)
    JOIN dataset_primary p USING (source_id, row)
    LEFT JOIN ranked f USING (source_id, row)  -- a dataset with no quantity has no row there
)
SELECT source_id,
       body,
       as_at,
       dataset_name,
       purpose,
       records,
       records_qualifier,
       storage_bytes,
       storage_bytes / 1e12 AS storage_tb,                   -- decimal terabytes
       storage_qualifier,
       records_per_year,
       records_per_year_qualifier,
       volume_status,                                        -- exact | approximate | range | bound | unknown | withheld | unparsed
       volume_note,
       primary_kind,
       log10(nullif(records, 0))          AS records_log10,
       log10(nullif(storage_bytes, 0))    AS storage_log10,
       log10(nullif(records_per_year, 0)) AS records_per_year_log10,
       records_rank_in_source,
       records_rank_overall,
       storage_rank_in_source,
       storage_rank_overall,
       records_per_year_rank_in_source,
       records_per_year_rank_overall,
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
FROM wide;


-- The analysts' table: one row per dataset (dataset_wide, in source order). Approximate figures and
-- bounds stay marked.
CREATE VIEW datasets AS
SELECT * FROM dataset_wide ORDER BY source_id, row;

-- The datasets as a person reads them (datasets.csv): the figures with their qualifiers, the
-- status, and where to find each in its source; the analytic columns stay in `datasets`.
CREATE VIEW dataset_list AS
SELECT body, as_at, dataset_name, purpose, records, records_qualifier, storage_tb, storage_bytes,
       storage_qualifier, records_per_year, records_per_year_qualifier, volume_status, volume_note,
       volume_text, source_id, location, row
FROM datasets
ORDER BY source_id, row;

-- How fully each body disclosed, per source: its datasets by the status of their primary figure.
-- A range counts as a range here and in `totals`, never as approximate.
CREATE VIEW disclosure AS
SELECT source_id,
       body,
       as_at,
       count(*) AS datasets,
       count(*) FILTER (WHERE volume_status = 'exact')       AS exact,
       count(*) FILTER (WHERE volume_status = 'approximate') AS approximate,
       count(*) FILTER (WHERE volume_status = 'range')       AS range,
       count(*) FILTER (WHERE volume_status = 'bound')       AS bound_only,
       count(*) FILTER (WHERE volume_status = 'unknown')     AS unknown,
       count(*) FILTER (WHERE volume_status = 'withheld')    AS withheld,
       count(*) FILTER (WHERE volume_status = 'unparsed')    AS unparsed,
       round(count(*) FILTER (WHERE volume_status NOT IN ('unknown', 'withheld', 'unparsed')) / count(*), 4)
           AS share_with_volume,
       round(count(*) FILTER (WHERE volume_status = 'exact') / count(*), 4)       AS share_exact,
       round(count(*) FILTER (WHERE volume_status = 'approximate') / count(*), 4) AS share_approximate,
       round(count(*) FILTER (WHERE volume_status = 'range') / count(*), 4)       AS share_range,
       round(count(*) FILTER (WHERE volume_status = 'bound') / count(*), 4)       AS share_bound_only,
       round(count(*) FILTER (WHERE volume_status = 'unknown') / count(*), 4)     AS share_unknown,
       round(count(*) FILTER (WHERE volume_status = 'withheld') / count(*), 4)    AS share_withheld
FROM dataset_wide
GROUP BY source_id, body, as_at
ORDER BY source_id, body;

-- The five largest datasets of each source and body by each kind, with the figure's qualifier.
CREATE VIEW largest AS
SELECT source_id, body, as_at, kind, rank, dataset_name, value, unit, qualifier, volume_text, location, row
FROM (
    SELECT f.*, b.body, b.as_at, rank() OVER (PARTITION BY f.source_id, b.body, f.kind ORDER BY f.value DESC) AS rank
    FROM dataset_figures f JOIN dataset_bodies b USING (source_id, row)
)
WHERE rank <= 5
ORDER BY source_id, body, array_position(['records', 'storage', 'record_rate', 'storage_rate', 'items'], kind), rank, row;

-- Totals per source, body and kind: sums of reported figures (a range counts at its midpoint).
-- Datasets overlap (several systems hold the same pupils), so a total of records is not a count
-- of people. Storage is given in bytes and in decimal terabytes. Every sum adds its figures in row
-- order: a sum of doubles taken in parallel depends, in its last bits, on which rows each thread
-- took, and the same input must give the same bytes on every run.
CREATE VIEW totals AS
WITH quantities AS (
    SELECT f.source_id, b.body, b.as_at, f.kind, any_value(f.unit) AS unit, count(*) AS datasets,
           list_sum(list(f.value ORDER BY f.row)) AS total,  -- added in row order (see above)
           count(*) FILTER (WHERE f.qualifier = 'exact')       AS exact,
           count(*) FILTER (WHERE f.qualifier = 'approximate') AS approximate,
           count(*) FILTER (WHERE f.qualifier = 'lower_bound') AS lower_bound,
           count(*) FILTER (WHERE f.qualifier = 'upper_bound') AS upper_bound,
           count(*) FILTER (WHERE f.qualifier = 'range')       AS range
    FROM dataset_figures f JOIN dataset_bodies b USING (source_id, row)
    GROUP BY f.source_id, b.body, b.as_at, f.kind
), unread AS (
    SELECT p.source_id, b.body, b.as_at, p.kind, NULL AS unit, count(*) AS datasets, NULL::DOUBLE AS total,
           0 AS exact, 0 AS approximate, 0 AS lower_bound, 0 AS upper_bound, 0 AS range
    FROM dataset_primary p JOIN dataset_bodies b USING (source_id, row)
    WHERE p.kind IN ('unknown', 'withheld', 'unparsed')
    GROUP BY p.source_id, b.body, b.as_at, p.kind
)
SELECT source_id, body, as_at, kind, unit, datasets, total,
       CASE WHEN kind = 'storage' THEN total / 1e12 END AS total_tb,
       exact, approximate, lower_bound, upper_bound, range,
       CASE WHEN kind IN ('unknown', 'withheld', 'unparsed') THEN 'datasets whose volume is ' || kind
            ELSE 'sum of reported figures; datasets overlap, so not a count of distinct people or bytes'
       END AS note
FROM (SELECT * FROM quantities UNION ALL SELECT * FROM unread)
ORDER BY source_id, body,
         array_position(['records', 'storage', 'record_rate', 'storage_rate', 'items', 'unknown', 'withheld', 'unparsed'], kind);

-- One row per body, over all its sources: what it answered, when, how fully, the sums of its
-- reported figures with how many figures each adds up and how many of those are not exact, and its
-- largest dataset by records and by storage.
CREATE VIEW bodies AS
WITH sums AS (
    SELECT body,
           list_sum(list(records ORDER BY source_id, row) FILTER (WHERE records IS NOT NULL)) AS records_total,
           count(records)           AS records_figures,
           count(records) FILTER (WHERE records_qualifier <> 'exact') AS records_not_exact,
           list_sum(list(storage_bytes ORDER BY source_id, row) FILTER (WHERE storage_bytes IS NOT NULL))
               AS storage_total_bytes,
           count(storage_bytes)     AS storage_figures,
           count(storage_bytes) FILTER (WHERE storage_qualifier <> 'exact') AS storage_not_exact,
           list_sum(list(records_per_year ORDER BY source_id, row) FILTER (WHERE records_per_year IS NOT NULL))
               AS records_per_year_total,
           count(records_per_year)  AS records_per_year_figures,
           arg_min(dataset_name, (-records, source_id, row)) FILTER (WHERE records IS NOT NULL)             AS largest_by_records,
           max(records)                                                                  AS largest_records,
           arg_min(dataset_name, (-storage_bytes, source_id, row)) FILTER (WHERE storage_bytes IS NOT NULL) AS largest_by_storage,
           max(storage_bytes)                                                            AS largest_storage_bytes
    FROM dataset_wide
    GROUP BY body
), answers AS (
    SELECT body,
           string_agg(DISTINCT source_id, '; ' ORDER BY source_id)             AS sources,
           string_agg(DISTINCT reference, '; ' ORDER BY reference)             AS "references",
           string_agg(DISTINCT CAST(as_at AS VARCHAR), '; ' ORDER BY CAST(as_at AS VARCHAR)) AS as_at,
           count(DISTINCT as_at) AS as_at_dates
    FROM (SELECT DISTINCT b.body, b.source_id, b.as_at, s.reference
          FROM dataset_bodies b JOIN stg_sources s USING (source_id))
    GROUP BY body
), statuses AS (
    SELECT body, sum(datasets) AS datasets, sum(exact + approximate + range + bound_only) AS with_volume,
           sum(exact) AS exact, sum(approximate) AS approximate, sum(range) AS range,
           sum(bound_only) AS bound_only, sum(unknown) AS unknown, sum(withheld) AS withheld,
           sum(unparsed) AS unparsed
    FROM disclosure
    GROUP BY body
)
SELECT a.body, a.sources, a."references", a.as_at, a.as_at_dates,
       s.datasets, s.with_volume, s.exact, s.approximate, s.range, s.bound_only, s.unknown, s.withheld,
       s.unparsed,
       m.records_total, m.records_figures, m.records_not_exact,
       m.storage_total_bytes, m.storage_total_bytes / 1e12 AS storage_total_tb, m.storage_figures,
       m.storage_not_exact,
       m.records_per_year_total, m.records_per_year_figures,
       m.largest_by_records, m.largest_records, m.largest_by_storage, m.largest_storage_bytes,
       'totals are sums of reported figures as at the dates given; datasets overlap, so they are not counts of distinct people or bytes'
           AS note
FROM answers a JOIN statuses s USING (body) JOIN sums m USING (body)
ORDER BY a.body;

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
