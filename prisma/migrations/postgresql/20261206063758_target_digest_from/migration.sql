-- AlterTable
ALTER TABLE "DeliveryTarget" ADD COLUMN     "digestFrom" TIMESTAMP(3),
ADD COLUMN     "rescheduledAt" TIMESTAMP(3);
