-- AlterTable
ALTER TABLE "DeliveryTarget" ADD COLUMN     "language" TEXT,
ADD COLUMN     "threads" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "PlannedDigest" ADD COLUMN     "language" TEXT,
ADD COLUMN     "threads" BOOLEAN NOT NULL DEFAULT false;
