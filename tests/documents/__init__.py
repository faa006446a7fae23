"""Document builders for the reader tests: each module renders tables into one format's bytes
(written by the libraries in the test extra), so every format is tested on documents built in the
test, in the layouts real answers use."""
