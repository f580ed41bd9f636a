-- AlterTable
ALTER TABLE "IngestRun" ADD COLUMN     "unitDigests" TEXT;
