-- AlterTable
ALTER TABLE "DeliveryTarget" ADD COLUMN "weeklyOn" INTEGER;
