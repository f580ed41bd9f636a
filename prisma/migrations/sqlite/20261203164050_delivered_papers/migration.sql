-- AlterTable
ALTER TABLE "DeliveryPart" ADD COLUMN "pendingSince" DATETIME;

-- CreateTable
CREATE TABLE "DeliveredPaper" (
    "targetId" TEXT NOT NULL,
    "arxivId" TEXT NOT NULL,
    "version" INTEGER,
    "windowKey" TEXT NOT NULL,
    "plannedAt" DATETIME NOT NULL,

    PRIMARY KEY ("targetId", "arxivId")
);
