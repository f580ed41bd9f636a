-- AlterTable
ALTER TABLE "PlannedDigest" ADD COLUMN     "moreMatched" INTEGER NOT NULL DEFAULT 0;
