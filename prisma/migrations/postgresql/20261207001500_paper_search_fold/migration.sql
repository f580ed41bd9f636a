-- The archive's words fold accents off Latin letters, as the in-memory index and SQLite's FTS5
-- (remove_diacritics 2) do: "cafe" finds an archived "Caf\u00e9", "muller" finds "M\u00fcller".
-- PostgreSQL only (SQLite's index folds already). The fold is src/core/diacritics.ts
-- foldDiacritics in SQL, with no extension: NFKD, the Combining Diacritical Marks right after a
-- Latin letter removed, NFC. Not unaccent: it also spells out sharp s, ae, o with stroke, l with
-- stroke and ligatures, which the window keeps as they are, and CREATE EXTENSION may be refused
-- to the app's database user. The marks of other scripts stay (Devanagari vowel signs, the
-- breve of Cyrillic short i). The class is every Latin code point (Unicode's Script=Latin,
-- written out: PostgreSQL's regular expressions know no scripts). pgSearch folds the query's
-- words with this same function.
-- Text with no character past ASCII is itself (octet_length = length: also true of every text
-- in a single-byte database encoding). normalize() needs a UTF8 database: elsewhere the text
-- is kept as it is, as before this migration.
-- This file is ASCII only: PostgreSQL converts the whole script to the database's encoding,
-- and a LATIN1 database has no l with stroke, even in a comment.
CREATE FUNCTION "paper_search_fold"(t TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN octet_length(t) = length(t) OR getdatabaseencoding() <> 'UTF8' THEN t
        ELSE normalize(regexp_replace(normalize(t, NFKD),
            '([A-Za-z\u00aa\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02b8\u02e0-\u02e4\u1d00-\u1d25\u1d2c-\u1d5c\u1d62-\u1d65\u1d6b-\u1d77\u1d79-\u1dbe\u1e00-\u1eff\u2071\u207f\u2090-\u209c\u212a-\u212b\u2132\u214e\u2160-\u2188\u2c60-\u2c7f\ua722-\ua787\ua78b-\ua7dc\ua7f1-\ua7ff\uab30-\uab5a\uab5c-\uab64\uab66-\uab69\ufb00-\ufb06\uff21-\uff3a\uff41-\uff5a\U00010780-\U00010785\U00010787-\U000107b0\U000107b2-\U000107ba\U0001df00-\U0001df1e\U0001df25-\U0001df2a])[\u0300-\u036f]+',
            '\1', 'g'), NFC)
    END
$$;

-- Same fields and weights as the paper_search migration; the triggers call it by name.
CREATE OR REPLACE FUNCTION "paper_search_document"(title TEXT, abstract TEXT, authors TEXT, keywords TEXT) RETURNS tsvector
LANGUAGE sql IMMUTABLE AS $$
    SELECT setweight(to_tsvector('english', "paper_search_fold"(title)), 'A')
        || setweight(to_tsvector('simple', "paper_search_fold"(authors)), 'B')
        || setweight(to_tsvector('english', "paper_search_fold"(keywords)), 'B')
        || setweight(to_tsvector('english', "paper_search_fold"(abstract)), 'C')
$$;

-- Only papers with a character past ASCII can index differently: the others keep their rows.
UPDATE "PaperSearch" s
SET "document" = "paper_search_document"(p."title", p."abstract", p."authors", p."aiKeywords" || ' ' || p."categories")
FROM "Paper" p
WHERE p."arxivId" = s."arxivId"
  AND octet_length(p."title" || p."abstract" || p."authors" || p."aiKeywords" || p."categories") <> length(p."title" || p."abstract" || p."authors" || p."aiKeywords" || p."categories");
