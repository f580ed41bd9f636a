-- AlterTable
ALTER TABLE "Paper" ADD COLUMN     "inputHash" TEXT;
