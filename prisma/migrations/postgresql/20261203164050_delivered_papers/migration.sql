-- AlterTable
ALTER TABLE "DeliveryPart" ADD COLUMN     "pendingSince" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "DeliveredPaper" (
    "targetId" TEXT NOT NULL,
    "arxivId" TEXT NOT NULL,
    "version" INTEGER,
    "windowKey" TEXT NOT NULL,
    "plannedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DeliveredPaper_pkey" PRIMARY KEY ("targetId","arxivId")
);
