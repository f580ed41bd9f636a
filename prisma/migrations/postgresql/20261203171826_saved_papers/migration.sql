-- CreateTable
CREATE TABLE "SavedPaper" (
    "listId" TEXT NOT NULL,
    "arxivId" TEXT NOT NULL,
    "savedBy" TEXT NOT NULL,
    "savedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SavedPaper_pkey" PRIMARY KEY ("listId","arxivId")
);

-- CreateIndex
CREATE INDEX "SavedPaper_listId_savedAt_idx" ON "SavedPaper"("listId", "savedAt");
