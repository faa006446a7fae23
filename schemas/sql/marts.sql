-- Marts: the relations analysts query. Built only on staging.

-- One row per figure, with its provenance.
CREATE VIEW measures AS
SELECT f.source_id, s.body, f.dataset_name, f.volume_text, f.kind, f.value, f.unit, f.lower, f.upper,
       f.qualifier, f.role, f.subset, f.assumed_unit, f.source_line, f.figure, f.span_start, f.span_end,
       f.surface, f.rule, f.policy, f.reason
FROM stg_figures f JOIN stg_sources s USING (source_id)
ORDER BY f.source_id, f.source_line, f.figure;

-- The figure of each kind that stands for a dataset: its first whole (not subset) figure of that kind.
CREATE VIEW dataset_figures AS
SELECT *
FROM stg_figures
WHERE kind IN ('records', 'storage', 'record_rate') AND NOT subset
QUALIFY row_number() OVER (PARTITION BY source_id, source_line, kind ORDER BY figure) = 1;

-- One row per dataset, its figures side by side, each with its qualifier.
CREATE VIEW datasets AS
SELECT d.source_id,
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
       END AS volume_status,                                   -- exact | approximate | bound | range | unknown | unparsed
       p.kind AS primary_kind,
       d.volume_text,
       d.source_line
FROM stg_datasets d
JOIN stg_figures p ON p.source_id = d.source_id AND p.source_line = d.source_line AND p.role = 'primary'
LEFT JOIN dataset_figures f ON f.source_id = d.source_id AND f.source_line = d.source_line
GROUP BY ALL
ORDER BY d.source_id, d.source_line;

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
    FROM stg_figures
    WHERE role = 'primary' AND kind IN ('unknown', 'unparsed')
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
SELECT * FROM stg_quarantine ORDER BY source_id, source_line;

-- Cells the parser could not read: listed at the end of every run.
CREATE VIEW unparsed AS
SELECT source_id, source_line, dataset_name, volume_text, reason
FROM stg_figures WHERE kind = 'unparsed' ORDER BY source_id, source_line, figure;
