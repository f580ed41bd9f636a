-- DropIndex
DROP INDEX "Paper_firstSeenAt_idx";

-- CreateIndex
CREATE INDEX "Paper_firstSeenAt_arxivId_idx" ON "Paper"("firstSeenAt", "arxivId");
