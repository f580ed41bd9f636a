-- CreateTable
CREATE TABLE "SavedPaper" (
    "listId" TEXT NOT NULL,
    "arxivId" TEXT NOT NULL,
    "savedBy" TEXT NOT NULL,
    "savedAt" DATETIME NOT NULL,

    PRIMARY KEY ("listId", "arxivId")
);

-- CreateIndex
CREATE INDEX "SavedPaper_listId_savedAt_idx" ON "SavedPaper"("listId", "savedAt");
