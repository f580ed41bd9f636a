-- AlterTable
ALTER TABLE "DeliveryTarget" ADD COLUMN "digestFrom" DATETIME;
ALTER TABLE "DeliveryTarget" ADD COLUMN "rescheduledAt" DATETIME;
