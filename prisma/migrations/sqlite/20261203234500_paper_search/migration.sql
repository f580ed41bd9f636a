-- The archive's full-text index: search answers papers older than the in-memory hot window
-- from here (src/store/prisma-archive-search.ts). Not a Prisma model: triggers keep it in step
-- with "Paper", and scripts/migration-engine.ts lists it as external so Prisma's diff leaves
-- it alone. Its rowid is the paper's rowid. A migration that redefines "Paper" drops these
-- triggers: it must recreate them and refill the table (the statements below).
CREATE VIRTUAL TABLE "PaperSearch" USING fts5(
    "arxivId" UNINDEXED,
    "title",
    "abstract",
    "authors",
    "keywords",
    "published" UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- FTS5's own ranking, with the field weights the in-memory index uses (title 2, abstract 1,
-- authors and keywords 1.5), so queries can `ORDER BY rank`.
INSERT INTO "PaperSearch" ("PaperSearch", "rank") VALUES ('rank', 'bm25(0.0, 2.0, 1.0, 1.5, 1.5, 0.0)');

INSERT INTO "PaperSearch" ("rowid", "arxivId", "title", "abstract", "authors", "keywords", "published")
SELECT "rowid", "arxivId", "title", "abstract", "authors", "aiKeywords" || ' ' || "categories", COALESCE("publishedAt", "firstSeenAt") FROM "Paper";

CREATE TRIGGER "Paper_search_insert" AFTER INSERT ON "Paper" BEGIN
    INSERT INTO "PaperSearch" ("rowid", "arxivId", "title", "abstract", "authors", "keywords", "published")
    VALUES (new."rowid", new."arxivId", new."title", new."abstract", new."authors", new."aiKeywords" || ' ' || new."categories", COALESCE(new."publishedAt", new."firstSeenAt"));
END;

-- Only when indexed text or the date changes: upvote refreshes rewrite every paper's row.
CREATE TRIGGER "Paper_search_update" AFTER UPDATE ON "Paper"
WHEN old."title" IS NOT new."title" OR old."abstract" IS NOT new."abstract" OR old."authors" IS NOT new."authors"
  OR old."aiKeywords" IS NOT new."aiKeywords" OR old."categories" IS NOT new."categories"
  OR old."publishedAt" IS NOT new."publishedAt" OR old."firstSeenAt" IS NOT new."firstSeenAt" OR old."rowid" IS NOT new."rowid"
BEGIN
    DELETE FROM "PaperSearch" WHERE "rowid" = old."rowid";
    INSERT INTO "PaperSearch" ("rowid", "arxivId", "title", "abstract", "authors", "keywords", "published")
    VALUES (new."rowid", new."arxivId", new."title", new."abstract", new."authors", new."aiKeywords" || ' ' || new."categories", COALESCE(new."publishedAt", new."firstSeenAt"));
END;

CREATE TRIGGER "Paper_search_delete" AFTER DELETE ON "Paper" BEGIN
    DELETE FROM "PaperSearch" WHERE "rowid" = old."rowid";
END;
