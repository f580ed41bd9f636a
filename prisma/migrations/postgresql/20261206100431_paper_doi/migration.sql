-- AlterTable
ALTER TABLE "Paper" ADD COLUMN     "doi" TEXT;

-- CreateIndex
CREATE INDEX "Paper_doi_idx" ON "Paper"("doi");
