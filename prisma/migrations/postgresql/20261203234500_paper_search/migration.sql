-- The archive's full-text index: search answers papers older than the in-memory hot window
-- from here (src/store/prisma-archive-search.ts). Not a Prisma model: triggers keep it in step
-- with "Paper", and scripts/migration-engine.ts lists it as external so Prisma's diff leaves
-- it alone. Title weighs most (A), then authors and keywords (B), then the abstract (C).
CREATE TABLE "PaperSearch" (
    "arxivId" TEXT NOT NULL PRIMARY KEY,
    "published" TIMESTAMP(3) NOT NULL,
    "document" tsvector NOT NULL
);

CREATE INDEX "PaperSearch_document_idx" ON "PaperSearch" USING GIN ("document");

CREATE FUNCTION "paper_search_document"(title TEXT, abstract TEXT, authors TEXT, keywords TEXT) RETURNS tsvector
LANGUAGE sql IMMUTABLE AS $$
    SELECT setweight(to_tsvector('english', title), 'A')
        || setweight(to_tsvector('simple', authors), 'B')
        || setweight(to_tsvector('english', keywords), 'B')
        || setweight(to_tsvector('english', abstract), 'C')
$$;

INSERT INTO "PaperSearch" ("arxivId", "published", "document")
SELECT "arxivId", COALESCE("publishedAt", "firstSeenAt"), "paper_search_document"("title", "abstract", "authors", "aiKeywords" || ' ' || "categories") FROM "Paper";

CREATE FUNCTION "paper_search_sync"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM "PaperSearch" WHERE "arxivId" = OLD."arxivId";
        RETURN NULL;
    END IF;
    IF TG_OP = 'UPDATE' AND OLD."arxivId" <> NEW."arxivId" THEN
        DELETE FROM "PaperSearch" WHERE "arxivId" = OLD."arxivId";
    END IF;
    INSERT INTO "PaperSearch" ("arxivId", "published", "document")
    VALUES (NEW."arxivId", COALESCE(NEW."publishedAt", NEW."firstSeenAt"), "paper_search_document"(NEW."title", NEW."abstract", NEW."authors", NEW."aiKeywords" || ' ' || NEW."categories"))
    ON CONFLICT ("arxivId") DO UPDATE SET "published" = EXCLUDED."published", "document" = EXCLUDED."document";
    RETURN NULL;
END
$$;

CREATE TRIGGER "Paper_search_insert" AFTER INSERT ON "Paper" FOR EACH ROW EXECUTE FUNCTION "paper_search_sync"();

-- Only when indexed text or the date changes: upvote refreshes rewrite every paper's row.
CREATE TRIGGER "Paper_search_update" AFTER UPDATE ON "Paper" FOR EACH ROW
WHEN (OLD."title" IS DISTINCT FROM NEW."title" OR OLD."abstract" IS DISTINCT FROM NEW."abstract" OR OLD."authors" IS DISTINCT FROM NEW."authors"
   OR OLD."aiKeywords" IS DISTINCT FROM NEW."aiKeywords" OR OLD."categories" IS DISTINCT FROM NEW."categories"
   OR OLD."publishedAt" IS DISTINCT FROM NEW."publishedAt" OR OLD."firstSeenAt" IS DISTINCT FROM NEW."firstSeenAt" OR OLD."arxivId" IS DISTINCT FROM NEW."arxivId")
EXECUTE FUNCTION "paper_search_sync"();

CREATE TRIGGER "Paper_search_delete" AFTER DELETE ON "Paper" FOR EACH ROW EXECUTE FUNCTION "paper_search_sync"();
