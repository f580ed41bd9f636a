-- DropIndex
DROP INDEX "Paper_updatedAt_idx";

-- CreateIndex
CREATE INDEX "Paper_updatedAt_arxivId_idx" ON "Paper"("updatedAt", "arxivId");
